/** Korean. Terms follow GLOSSARY.md (Microsoft's: 작업, 제안, 게시자, 게시, 취소). */
import type { Catalogue } from "./en.ts"

export const ko: Catalogue = {
  "term.kind": "{kind, select, publish {게시} goLive {라이브 전환} cancel {취소} none {작업} other {{raw}}}",
  "term.operationStatus":
    "{state, select, notStarted {시작 안 됨} running {실행 중} completed {완료됨} failed {실패} canceled {취소됨} other {{raw}}}",
  "term.stepStatus":
    "{state, select, notStarted {시작 안 됨} inProgress {진행 중} waitingForPublisherReview {게시자 검토 대기 중} waitingForApproval {승인 대기 중} blocked {차단됨} rejected {거부됨} complete {완료됨} failed {실패} canceled {취소됨} other {{raw}}}",
  "term.unnamedStep": "단계",

  "core.warning.mayRefuse":
    "서비스가 보고한 cancellationRequestState가 \"canCancel\"이 아니라 \"{state}\"입니다. 이 취소 요청이 거부될 수 있습니다(이미 다른 취소가 진행 중일 수 있음)",

  "core.operation": "{kind, select, publish {게시 작업} goLive {라이브 전환 작업} cancel {취소 작업} none {작업} other {{raw}}}{id, select, none {} other { {id}}}",
  "core.cancellationFailed": "{offer, select, none {} other {{offer}의 }}취소에 실패했습니다. {operation}이(가) {status} 상태로 끝났습니다",
  "core.error.BadRequest.what": "Cloud Partner Portal에서 요청 형식이 잘못되었다며 거부했습니다.",
  "core.error.BadRequest.todo":
    "publisherId, offerId, 알림 이메일 주소를 확인하세요. api-version이 언급되어 있으면 CPP_API_VERSION을 설정하세요(기본값 2017-10-31).",
  "core.error.Unauthorized.what": "offerops가 Cloud Partner Portal에 로그인할 수 없습니다. 변경된 것은 없습니다.",
  "core.error.Unauthorized.todo":
    "실행에 사용하는 자격 증명을 확인하세요. CPP_TOKEN 또는 서비스 주체의 AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET(또는 `az login`)을 확인하고, 토큰이 https://cloudpartner.azure.com용인지도 확인하세요.",
  "core.error.Forbidden.what": "서비스 주체에 이 게시자에 대한 액세스 권한이 없습니다.",
  "core.error.Forbidden.todo":
    "파트너 센터에서 해당 Entra 앱을 개발자(또는 관리자) 역할로 게시자 계정에 추가하고 publisherId를 확인하세요. 개체 ID를 묻는 경우 앱 등록의 ID가 아니라 서비스 주체의 ID(Entra ID → 엔터프라이즈 애플리케이션, \"로컬 디렉터리의 관리되는 애플리케이션\")를 입력합니다.",
  "core.error.NotFound.what": "해당하는 게시자, 제안 또는 작업이 없습니다.",
  "core.error.NotFound.todo": "publisherId, offerId, 작업 ID를 확인하세요(대/소문자를 구분함).",
  "core.error.Unavailable.what": "여러 번 시도했지만 Cloud Partner Portal에서 유효한 응답이 없었습니다.",
  "core.error.Unavailable.todo":
    "여러 번 다시 시도했지만 서비스가 {status, select, none {오류로} other {{status}(으)로}} 응답했습니다. 서비스가 사용 중이거나 중단된 상태입니다. 나중에 다시 시도하되{seconds, select, none {} other {(서비스가 {seconds}초 기다리도록 요청함)}}, 먼저 변경된 것이 있는지 확인하세요.",
  "core.error.Unavailable.ConnectionRefused":
    "기본 URL에서 수신 대기 중인 서버가 없습니다. 기본 URL(CPP_BASE_URL)을 확인하고, 에뮬레이터라면 실행 중인지도 확인하세요.",
  "core.error.Unavailable.HostNotFound": "호스트 이름을 확인할 수 없습니다. 기본 URL(CPP_BASE_URL)에 오타가 없는지 확인한 다음 DNS와 네트워크를 확인하세요.",
  "core.error.Unavailable.CertificateUntrusted":
    "이 컴퓨터가 서버 인증서를 신뢰하지 않습니다. 에뮬레이터의 https를 사용한다면 NODE_EXTRA_CA_CERTS=<인증서 파일>로 실행하세요. TLS를 검사하는 프록시 뒤에서는 해당 프록시의 CA를 지정하세요.",
  "core.error.Unavailable.ConnectionLost": "연결에 실패했거나 응답이 없습니다. 네트워크와 기본 URL을 확인한 다음 다시 시도하세요.",
  "core.error.CancelUnconfirmed.what": "취소 요청에 대한 응답이 유실되었고, 서비스에서 취소가 적용되었는지 확인할 수 없었습니다.",
  "core.error.CancelUnconfirmed.todo":
    "바로 다시 취소하지 마세요. 먼저 제안의 작업을 확인하고, 작업이 아직 실행 중이며 진행 중인 취소가 없을 때만 다시 취소하세요.",
  "core.error.InvalidResponse.what": "Cloud Partner Portal이 offerops가 해석할 수 없는 형식으로 응답했습니다.",
  "core.error.InvalidResponse.todo": "다시 시도하기 전에 파트너 센터에서 제안을 확인하고, 여기에 표시된 요청과 함께 문제를 알려 주세요.",
  "core.error.OperationFailed.todo": "파트너 센터에서 작업의 메시지를 읽은 다음, 현재 실행 중인 작업을 확인하고 다시 시도하세요.",
  "core.error.WaitTimeout.what": "대기 기한이 지났을 때 작업이 아직 실행 중이었습니다. 잃은 것은 없습니다.",
  "core.error.WaitTimeout.todo": "이 대기가 멈춘 지점부터 계속 기다리세요.",
  "core.error.InvalidInput.todo": "제안은 <publisherId>/<offerId> 형식으로, 이메일 주소는 쉼표로 구분된 목록으로 입력하세요.",
  "core.outcome.Canceled.what": "{offer}의 {operation, select, none {작업} other {{operation}}}을(를) 취소했습니다.",
  "core.outcome.Canceled.todo": "더 할 일은 없습니다. 제안이 준비되면 다시 게시하세요.",
  "core.outcome.EndedFirst.what":
    "{offer}의 {operation}이(가) 취소가 적용되기 전에 스스로 {state, select, failed {실패했습니다} other {완료되었습니다}}. 아무것도 취소되지 않았습니다.",
  "core.outcome.EndedFirst.failed.todo": "실패한 이유는 작업의 메시지 또는 파트너 센터에서 확인하세요.",
  "core.outcome.EndedFirst.completed.todo":
    "완료되지 않았어야 했다면 파트너 센터에서 제안을 확인하고 수정된 버전을 게시하세요.",
  "core.outcome.CancelFailed.what": "{offer}의 취소에 실패했습니다. {operation}은(는) 아직 실행 중입니다.",
  "core.outcome.CancelFailed.todo": "현재 실행 중인 작업을 확인하세요. 다시 취소를 시도할 수 있습니다.",
  "core.outcome.NothingRunning.what": "{offer}에서 실행 중인 작업이 없습니다. 아무것도 취소되지 않았습니다.",
  "core.outcome.NothingRunning.todo": "작업이 이미 끝났거나 다른 제안에서 실행 중일 수 있습니다(ID는 대/소문자를 구분합니다).",
  "core.outcome.Accepted.what": "서비스가 {offer}의 취소 요청을 수락했습니다. 끝날 때까지 기다리지는 않았습니다.",
  "core.outcome.Accepted.todo": "다시 시작 토큰으로 끝날 때까지 추적하세요.",
  "core.partnerCenter.accountSettings": "계정 설정",
  "core.partnerCenter.userManagement": "사용자 관리",
  "core.partnerCenter.aadApplications": "Azure AD 애플리케이션",
  "core.partnerCenter.marketplaceOffers": "마켓플레이스 제안",
  "core.partnerCenter.offer": "{offer, select, none {제안} other {제안 {offer}}}",
  "core.partnerCenter.offerOverview": "제안 개요",

  // #20 newcomer messages: each input's accepted forms, no credentials, the emulator's tokens, the bot's history.
  "core.error.InvalidInput.Offer.todo": "제안은 <publisherId>/<offerId> 형식으로, 두 ID 모두 파트너 센터에 표시된 대로 입력하세요(예: contoso/contoso-vm).",
  "core.error.InvalidInput.OperationId.todo": "작업 ID는 제안의 작업 목록에 표시된 대로 입력하세요(예: 24ebe22d-a3f7-44a4-9792-628088ce594b).",
  "core.error.InvalidInput.Emails.todo": "알림 이메일 주소는 최대 20개까지 쉼표로 구분된 목록으로 입력하세요(예: a@contoso.com,b@contoso.com).",
  "core.error.InvalidInput.ResumeToken.todo": "다시 시작 토큰은 출력된 그대로 입력하세요({prefix}(으)로 시작합니다). 또는 작업 위치 /api/publishers/<publisherId>/offers/<offerId>/operations/<id>나 기본 URL 아래의 해당 경로 URL을 입력하세요.",
  "core.error.InvalidInput.Location.todo": "작업 위치는 서비스가 보낸 그대로 입력하세요: /api/publishers/<publisherId>/offers/<offerId>/operations/<id> 또는 기본 URL(CPP_BASE_URL) 아래의 해당 경로 URL. \"..\"이 포함되거나 다른 호스트에 있는 위치는 거부됩니다.",
  "core.error.InvalidInput.BaseUrl.todo": "https:// 기본 URL(CPP_BASE_URL)을 입력하세요(예: https://cloudpartner.azure.com). http://는 에뮬레이터의 http://127.0.0.1:<port>처럼 이 컴퓨터의 주소에만 사용할 수 있습니다.",
  "core.error.InvalidInput.Settings.todo": "위에 나온 환경 변수를 고치거나, 기본값을 쓰려면 설정을 해제하세요.",
  "core.error.Unauthorized.NoCredentials.what": "offerops가 자격 증명을 찾지 못해 아무것도 보내지 않았습니다{baseUrl, select, none {} other {(호출할 주소: {baseUrl})}}.",
  "core.error.Unauthorized.NoCredentials.tried": "확인한 곳:",
  "core.error.Unauthorized.NoCredentials.todo": "CPP_TOKEN 또는 서비스 주체의 AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET을 설정하거나 `az login`으로 로그인한 다음 다시 실행하세요.",
  "core.error.Unauthorized.emulator.todo": "{baseUrl}은(는) 이 컴퓨터의 에뮬레이터이며, 토큰은 에뮬레이터가 실행되는 동안에만 유효합니다. offerops 리포지토리에서 이 셸에 `eval \"$(pnpm -s emulator env)\"`를 다시 실행한 다음 다시 실행하세요.",
  // #18 Partner Center ingestion v1.0 and Product Ingestion: why something that runs cannot be cancelled
  "core.refusal.notInProgress": "제출 {id}은(는) {state} 상태입니다. 진행 중인 제출만 취소할 수 있습니다",
  "core.refusal.publishing": "제출 {id}은(는) 게시 중입니다. 더 이상 취소할 수 없습니다",
  "core.refusal.promoted": "제출 {id}은(는) 라이브로 승격되었습니다. 라이브가 될 때까지 취소할 수 없습니다",
  "core.refusal.byJob": "제출 {id}은(는) 이를 시작한 구성 작업을 통해 취소합니다. 파이프라인이 출력한 ID로 job:<jobId>를 취소하세요",
  // #17 a confirmed cancel stops what was confirmed; bounded bot answers; "sent" decided once
  "core.outcome.OperationChanged.what":
    "{offer}의 {operation}은(는) 더 이상 실행되지 않습니다{running, select, none {} other {(지금은 {running}이(가) 실행 중입니다)}}. 취소 요청을 보내지 않았습니다. 아무것도 취소되지 않았습니다.",
  "core.outcome.OperationChanged.todo": "제안에서 지금 실행 중인 작업을 확인하고, 원하는 경우 다시 취소하세요.",
  "core.outcome.OperationChanged.instead.what":
    "{offer}의 취소가 확인한 {operation}이(가) 아니라 {running}을(를) 중지했습니다. {operation}은(는) 스스로 끝났습니다.",
  "core.outcome.OperationChanged.instead.todo": "파트너 센터에서 {running}을(를) 확인하고, 실행되어야 했다면 다시 시작하세요.",
  "core.error.Unavailable.notSent": "요청이 이 컴퓨터를 떠나지 않았습니다. 아무것도 보내지 않았으므로 아무것도 변경되지 않았습니다."
}
