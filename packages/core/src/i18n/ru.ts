/** Russian. Terms follow GLOSSARY.md (Microsoft's: операция, предложение, издатель, публикация, отмена). */
import type { Catalogue } from "./en.ts"

export const ru: Catalogue = {
  "term.kind": "{kind, select, publish {публикация} goLive {выпуск в рабочую среду} cancel {отмена} none {операция} other {{raw}}}",
  "term.operationStatus":
    "{state, select, notStarted {не начата} running {выполняется} completed {завершена} failed {сбой} canceled {отменена} other {{raw}}}",
  "term.stepStatus":
    "{state, select, notStarted {не начат} inProgress {выполняется} waitingForPublisherReview {ожидает проверки издателем} waitingForApproval {ожидает утверждения} blocked {заблокирован} rejected {отклонен} complete {завершен} failed {сбой} canceled {отменен} other {{raw}}}",
  "term.unnamedStep": "шаг",

  "core.warning.mayRefuse":
    "служба сообщает cancellationRequestState \"{state}\", а не \"canCancel\": она может отклонить эту отмену (возможно, отмена уже выполняется)",

  "core.operation": "{kind, select, publish {операция публикации} goLive {операция выпуска в рабочую среду} cancel {операция отмены} none {операция} other {операция «{raw}»}}{id, select, none {} other { {id}}}",
  "core.cancellationFailed": "отмена{offer, select, none {} other { в предложении {offer}}} не удалась: {operation} завершилась с состоянием {status}",
  "core.error.BadRequest.what": "Cloud Partner Portal отклонил запрос как неправильно сформированный.",
  "core.error.BadRequest.todo":
    "Проверьте publisherId, offerId и адреса электронной почты для уведомлений. Если в ответе упоминается api-version, задайте CPP_API_VERSION (по умолчанию 2017-10-31).",
  "core.error.Unauthorized.what": "offerops не удалось войти в Cloud Partner Portal; ничего не изменено.",
  "core.error.Unauthorized.todo":
    "Проверьте учетные данные, с которыми выполняется offerops: CPP_TOKEN либо AZURE_TENANT_ID, AZURE_CLIENT_ID и AZURE_CLIENT_SECRET субъекта-службы (или `az login`), а также что маркер выдан для https://cloudpartner.azure.com.",
  "core.error.Forbidden.what": "У субъекта-службы нет доступа к этому издателю.",
  "core.error.Forbidden.todo":
    "В Центре партнеров добавьте его приложение Entra в учетную запись издателя с ролью «Разработчик» (или «Менеджер») и проверьте publisherId. Если запрашивается идентификатор объекта, укажите идентификатор субъекта-службы (Entra ID → Корпоративные приложения, «Управляемое приложение в локальном каталоге»), а не регистрации приложения.",
  "core.error.NotFound.what": "Такого издателя, предложения или операции нет.",
  "core.error.NotFound.todo": "Проверьте publisherId, offerId и идентификатор операции (регистр букв учитывается).",
  "core.error.Unavailable.what": "Cloud Partner Portal не дал пригодного ответа после нескольких попыток.",
  "core.error.Unavailable.todo":
    "После нескольких повторных попыток служба ответила {status, select, none {ошибкой} other {{status}}}: она перегружена или недоступна. Повторите попытку позже{seconds, select, none {} other { (служба попросила подождать {seconds} с)}}, но сначала проверьте, не изменилось ли что-нибудь.",
  "core.error.Unavailable.ConnectionRefused":
    "По базовому URL-адресу никто не отвечает. Проверьте базовый URL-адрес (CPP_BASE_URL) и, если это эмулятор, что он запущен.",
  "core.error.Unavailable.HostNotFound": "Не удается разрешить имя узла. Проверьте базовый URL-адрес (CPP_BASE_URL) на опечатки, затем DNS и сеть.",
  "core.error.Unavailable.CertificateUntrusted":
    "Этот компьютер не доверяет сертификату сервера. Для https эмулятора запустите с NODE_EXTRA_CA_CERTS=<файл его сертификата>; за прокси, проверяющим TLS, укажите вместо этого ЦС прокси.",
  "core.error.Unavailable.ConnectionLost": "Соединение не удалось или осталось без ответа. Проверьте сеть и базовый URL-адрес и повторите попытку.",
  "core.error.CancelUnconfirmed.what": "Ответ на запрос отмены потерян, и служба не смогла показать, сработала ли отмена.",
  "core.error.CancelUnconfirmed.todo":
    "Не отменяйте просто так еще раз: сначала посмотрите операции предложения и отменяйте снова, только если операция все еще выполняется и никакая отмена не идет.",
  "core.error.InvalidResponse.what": "Cloud Partner Portal ответил в формате, который offerops не понимает.",
  "core.error.InvalidResponse.todo": "Прежде чем повторять попытку, проверьте предложение в Центре партнеров и сообщите об ошибке, приложив показанный здесь запрос.",
  "core.error.OperationFailed.todo": "Прочитайте сообщения операции в Центре партнеров, затем проверьте, что выполняется сейчас, и только потом повторите попытку.",
  "core.error.WaitTimeout.what": "Срок ожидания истек, а операция все еще выполнялась; ничего не потеряно.",
  "core.error.WaitTimeout.todo": "Продолжите ожидание с того места, где оно остановилось.",
  "core.error.InvalidInput.todo": "Укажите предложение в виде <publisherId>/<offerId>, а адреса электронной почты — списком через запятую.",
  "core.outcome.Canceled.what": "{operation, select, none {Отменено} other {Отменено: {operation}}} в предложении {offer}.",
  "core.outcome.Canceled.todo": "Больше ничего делать не нужно: опубликуйте снова, когда предложение будет готово.",
  "core.outcome.EndedFirst.what":
    "В предложении {offer} {operation} {state, select, failed {завершилась сбоем} other {завершилась}} сама, прежде чем отмена вступила в силу: ничего не отменено.",
  "core.outcome.EndedFirst.failed.todo": "Причину сбоя см. в сообщениях операции или в Центре партнеров.",
  "core.outcome.EndedFirst.completed.todo":
    "Если она не должна была пройти, проверьте предложение в Центре партнеров и опубликуйте исправленную версию.",
  "core.outcome.CancelFailed.what": "Отмена в предложении {offer} не удалась: {operation} все еще выполняется.",
  "core.outcome.CancelFailed.todo": "Проверьте, что выполняется сейчас; можно попробовать отменить еще раз.",
  "core.outcome.NothingRunning.what": "В предложении {offer} ничего не выполняется: ничего не отменено.",
  "core.outcome.NothingRunning.todo": "Возможно, операция уже завершилась или выполняется в другом предложении (идентификаторы учитывают регистр).",
  "core.outcome.Accepted.what": "Служба приняла отмену в предложении {offer}; ее завершения не ждали.",
  "core.outcome.Accepted.todo": "Отследите ее до конца с помощью маркера возобновления.",
  "core.partnerCenter.accountSettings": "Параметры учетной записи",
  "core.partnerCenter.userManagement": "Управление пользователями",
  "core.partnerCenter.aadApplications": "Приложения Azure AD",
  "core.partnerCenter.marketplaceOffers": "Предложения Marketplace",
  "core.partnerCenter.offer": "{offer, select, none {предложение} other {предложение {offer}}}",
  "core.partnerCenter.offerOverview": "Обзор предложения",

  // #20 newcomer messages: each input's accepted forms, no credentials, the emulator's tokens, the bot's history.
  "core.error.InvalidInput.Offer.todo": "Укажите предложение в виде <publisherId>/<offerId>, например contoso/contoso-vm, с обоими идентификаторами так, как их показывает Центр партнеров.",
  "core.error.InvalidInput.OperationId.todo": "Укажите идентификатор операции так, как его показывает список операций предложения, например 24ebe22d-a3f7-44a4-9792-628088ce594b.",
  "core.error.InvalidInput.Emails.todo": "Укажите адреса электронной почты для уведомлений списком через запятую, не более 20, например a@contoso.com,b@contoso.com.",
  "core.error.InvalidInput.ResumeToken.todo": "Укажите маркер возобновления точно так, как он был выведен (он начинается с {prefix}), или расположение операции: /api/publishers/<publisherId>/offers/<offerId>/operations/<id> либо этот путь как URL-адрес базового URL-адреса.",
  "core.error.InvalidInput.Location.todo": "Укажите расположение операции так, как его прислала служба: /api/publishers/<publisherId>/offers/<offerId>/operations/<id> либо этот путь как URL-адрес базового URL-адреса (CPP_BASE_URL). Расположение с \"..\" или на другом узле отклоняется.",
  "core.error.InvalidInput.BaseUrl.todo": "Укажите базовый URL-адрес https:// (CPP_BASE_URL), например https://cloudpartner.azure.com. Простой http:// допустим только для этого компьютера, например для эмулятора http://127.0.0.1:<port>.",
  "core.error.InvalidInput.Settings.todo": "Исправьте переменную среды, названную выше, или удалите ее, чтобы использовать значение по умолчанию.",
  "core.error.Unauthorized.NoCredentials.what": "offerops не нашел учетных данных и ничего не отправил{baseUrl, select, none {} other { (запрос ушел бы на {baseUrl})}}.",
  "core.error.Unauthorized.NoCredentials.tried": "Проверено:",
  "core.error.Unauthorized.NoCredentials.todo": "Задайте CPP_TOKEN либо AZURE_TENANT_ID, AZURE_CLIENT_ID и AZURE_CLIENT_SECRET субъекта-службы или войдите с помощью `az login`, затем запустите снова.",
  "core.error.Unauthorized.emulator.todo": "{baseUrl} — эмулятор на этом компьютере; его маркеры действуют, только пока он запущен. В репозитории offerops снова выполните `eval \"$(pnpm -s emulator env)\"` в этой оболочке, затем запустите снова.",
  // #18 Partner Center ingestion v1.0 and Product Ingestion: why something that runs cannot be cancelled
  "core.refusal.notInProgress": "отправка {id} в состоянии {state}: отменить можно только выполняющуюся отправку",
  "core.refusal.publishing": "отправка {id} публикуется: отменить её уже нельзя",
  "core.refusal.promoted": "отправка {id} переведена в рабочую среду: её нельзя отменить, пока она не опубликована",
  "core.refusal.byJob": "отправка {id} отменяется через задание настройки, которое её запустило: отмените job:<jobId> с идентификатором, который вывел конвейер",
  // #17 a confirmed cancel stops what was confirmed; bounded bot answers; "sent" decided once
  "core.outcome.OperationChanged.what":
    "В предложении {offer} {operation} больше не выполняется{running, select, none {} other {: сейчас выполняется {running}}}. Запрос на отмену не отправлен: ничего не отменено.",
  "core.outcome.OperationChanged.todo": "Посмотрите, что сейчас выполняется в предложении, и отмените снова, если вы имели в виду это.",
  "core.outcome.OperationChanged.instead.what":
    "Отмена в предложении {offer} остановила {running}, а не подтвержденную операцию {operation}, которая завершилась сама.",
  "core.outcome.OperationChanged.instead.todo": "Проверьте {running} в Центре партнеров и запустите снова, если она должна была выполняться.",
  "core.error.Unavailable.notSent": "Запрос не покинул этот компьютер: ничего не отправлено, поэтому ничего не изменилось."
}
