/** Japanese. Terms follow GLOSSARY.md (Microsoft's: 操作, オファー, パブリッシャー, 発行, キャンセル). */
import type { Catalogue } from "./en.ts"

export const ja: Catalogue = {
  "term.kind": "{kind, select, publish {発行} goLive {公開} cancel {キャンセル} none {操作} other {{raw}}}",
  "term.operationStatus":
    "{state, select, notStarted {未開始} running {実行中} completed {完了} failed {失敗} canceled {キャンセル済み} other {{raw}}}",
  "term.stepStatus":
    "{state, select, notStarted {未開始} inProgress {進行中} waitingForPublisherReview {パブリッシャーのレビュー待ち} waitingForApproval {承認待ち} blocked {ブロック中} rejected {却下} complete {完了} failed {失敗} canceled {キャンセル済み} other {{raw}}}",
  "term.unnamedStep": "ステップ",

  "core.warning.mayRefuse":
    "サービスの cancellationRequestState が \"canCancel\" ではなく \"{state}\" です。このキャンセルは拒否される可能性があります (別のキャンセルが既に進行中の場合があります)",

  "core.operation": "{kind, select, publish {発行操作} goLive {公開操作} cancel {キャンセル操作} none {操作} other {{raw}}}{id, select, none {} other { {id}}}",
  "core.cancellationFailed": "{offer, select, none {} other {{offer} の}}キャンセルに失敗しました: {operation} は {status} で終了しました",
  "core.error.BadRequest.what": "Cloud Partner Portal は、要求の形式が正しくないため拒否しました。",
  "core.error.BadRequest.todo":
    "publisherId、offerId、通知メールを確認してください。api-version が示されている場合は、CPP_API_VERSION を設定してください (既定値は 2017-10-31)。",
  "core.error.Unauthorized.what": "offerops は Cloud Partner Portal にサインインできませんでした。何も変更されていません。",
  "core.error.Unauthorized.todo":
    "実行時の資格情報を確認してください: CPP_TOKEN、またはサービス プリンシパルの AZURE_TENANT_ID、AZURE_CLIENT_ID、AZURE_CLIENT_SECRET (または `az login`)。あわせて、トークンが https://cloudpartner.azure.com 用であることを確認してください。",
  "core.error.Forbidden.what": "サービス プリンシパルにこのパブリッシャーへのアクセス権がありません。",
  "core.error.Forbidden.todo":
    "パートナー センターで、その Entra アプリを開発者 (またはマネージャー) ロールでパブリッシャーのアカウントに追加し、publisherId を確認してください。オブジェクト ID を求められた場合は、アプリの登録のものではなく、サービス プリンシパルのもの (Entra ID → エンタープライズ アプリケーション、\"ローカル ディレクトリでのマネージド アプリケーション\") を指定します。",
  "core.error.NotFound.what": "該当するパブリッシャー、オファー、または操作がありません。",
  "core.error.NotFound.todo": "publisherId、offerId、操作 ID を確認してください (大文字と小文字が区別されます)。",
  "core.error.Unavailable.what": "何度か試行しましたが、Cloud Partner Portal から有効な応答がありませんでした。",
  "core.error.Unavailable.todo":
    "何度か再試行しましたが、サービスの応答は{status, select, none {エラー} other { {status} }}でした。サービスが混み合っているか停止しています。しばらくしてからもう一度お試しください{seconds, select, none {} other { (サービスは {seconds} 秒待つよう求めています)}}。その前に、何か変更されていないか確認してください。",
  "core.error.Unavailable.ConnectionRefused":
    "ベース URL で待ち受けているサーバーがありません。ベース URL (CPP_BASE_URL) を確認し、エミュレーターの場合は起動しているかどうかも確認してください。",
  "core.error.Unavailable.HostNotFound": "ホスト名を解決できません。ベース URL (CPP_BASE_URL) に入力ミスがないか確認し、次に DNS とネットワークを確認してください。",
  "core.error.Unavailable.CertificateUntrusted":
    "このコンピューターはサーバーの証明書を信頼していません。エミュレーターの https を使う場合は NODE_EXTRA_CA_CERTS=<証明書ファイル> を指定して実行してください。TLS を検査するプロキシの内側では、そのプロキシの CA を指定します。",
  "core.error.Unavailable.ConnectionLost": "接続に失敗したか、応答がありませんでした。ネットワークとベース URL を確認してから再試行してください。",
  "core.error.CancelUnconfirmed.what": "キャンセル要求に対する応答が失われ、キャンセルが反映されたかどうかをサービスで確認できませんでした。",
  "core.error.CancelUnconfirmed.todo":
    "そのままもう一度キャンセルしないでください。まずオファーの操作を確認し、操作がまだ実行中で、進行中のキャンセルがない場合にだけ、もう一度キャンセルしてください。",
  "core.error.InvalidResponse.what": "Cloud Partner Portal の応答は、offerops が解釈できない形式でした。",
  "core.error.InvalidResponse.todo": "再試行する前にパートナー センターでオファーを確認し、ここに表示された要求を添えて報告してください。",
  "core.error.OperationFailed.todo": "パートナー センターで操作のメッセージを確認し、現在実行中の操作を確認してから再試行してください。",
  "core.error.WaitTimeout.what": "待機の期限を過ぎた時点で、操作はまだ実行中でした。失われたものはありません。",
  "core.error.WaitTimeout.todo": "この待機が停止したところから待機を続けてください。",
  "core.error.InvalidInput.todo": "オファーは <publisherId>/<offerId> の形式で、メール アドレスはコンマ区切りで指定してください。",
  "core.outcome.Canceled.what": "{offer} の{operation, select, none {操作} other {{operation} }}をキャンセルしました。",
  "core.outcome.Canceled.todo": "これ以上の操作は不要です。オファーの準備ができたら、もう一度発行してください。",
  "core.outcome.EndedFirst.what":
    "{offer} の{operation} は、キャンセルが反映される前に{state, select, failed {失敗} other {完了}}しました。何もキャンセルされていません。",
  "core.outcome.EndedFirst.failed.todo": "失敗した理由は、操作のメッセージまたはパートナー センターで確認してください。",
  "core.outcome.EndedFirst.completed.todo":
    "完了すべきでなかった場合は、パートナー センターでオファーを確認し、修正したバージョンを発行してください。",
  "core.outcome.CancelFailed.what": "{offer} のキャンセルに失敗しました。{operation} はまだ実行中です。",
  "core.outcome.CancelFailed.todo": "現在実行中の操作を確認してください。もう一度キャンセルを試すこともできます。",
  "core.outcome.NothingRunning.what": "{offer} で実行中の操作はありません。何もキャンセルされていません。",
  "core.outcome.NothingRunning.todo": "操作が既に終了したか、別のオファーで実行されている可能性があります (ID では大文字と小文字が区別されます)。",
  "core.outcome.Accepted.what": "サービスは {offer} のキャンセル要求を受け付けました。終了までは待機していません。",
  "core.outcome.Accepted.todo": "再開トークンを使って、終了まで進行状況を追跡してください。",
  "core.partnerCenter.accountSettings": "アカウント設定",
  "core.partnerCenter.userManagement": "ユーザー管理",
  "core.partnerCenter.aadApplications": "Azure AD アプリケーション",
  "core.partnerCenter.marketplaceOffers": "マーケットプレース オファー",
  "core.partnerCenter.offer": "{offer, select, none {オファー} other {オファー {offer}}}",
  "core.partnerCenter.offerOverview": "オファーの概要",

  // #20 newcomer messages: each input's accepted forms, no credentials, the emulator's tokens, the bot's history.
  "core.error.InvalidInput.Offer.todo": "オファーは <publisherId>/<offerId> の形式で、両方の ID をパートナー センターに表示されるとおりに指定してください (例: contoso/contoso-vm)。",
  "core.error.InvalidInput.OperationId.todo": "操作の ID は、オファーの操作一覧に表示されるとおりに指定してください (例: 24ebe22d-a3f7-44a4-9792-628088ce594b)。",
  "core.error.InvalidInput.Emails.todo": "通知メールは、最大 20 個のメール アドレスをコンマ区切りで指定してください (例: a@contoso.com,b@contoso.com)。",
  "core.error.InvalidInput.ResumeToken.todo": "再開トークンは表示されたとおりに指定してください ({prefix} で始まります)。または操作の場所として /api/publishers/<publisherId>/offers/<offerId>/operations/<id>、またはそのパスのベース URL 上の URL を指定してください。",
  "core.error.InvalidInput.Location.todo": "操作の場所は、サービスが返したとおりに指定してください: /api/publishers/<publisherId>/offers/<offerId>/operations/<id>、またはそのパスのベース URL (CPP_BASE_URL) 上の URL。\"..\" を含む場所や別のホストの場所は拒否されます。",
  "core.error.InvalidInput.BaseUrl.todo": "https:// のベース URL (CPP_BASE_URL) を指定してください (例: https://cloudpartner.azure.com)。http:// は、エミュレーターの http://127.0.0.1:<port> など、このマシン上の URL にのみ使用できます。",
  "core.error.InvalidInput.Settings.todo": "上に示した環境変数を修正するか、既定値を使う場合は設定を解除してください。",
  "core.error.Unauthorized.NoCredentials.what": "offerops は資格情報を見つけられなかったため、何も送信していません{baseUrl, select, none {} other { (呼び出し先は {baseUrl} でした)}}。",
  "core.error.Unauthorized.NoCredentials.tried": "確認した場所:",
  "core.error.Unauthorized.NoCredentials.todo": "CPP_TOKEN、またはサービス プリンシパルの AZURE_TENANT_ID、AZURE_CLIENT_ID、AZURE_CLIENT_SECRET を設定するか、`az login` でサインインしてから、もう一度実行してください。",
  "core.error.Unauthorized.emulator.todo": "{baseUrl} はこのマシン上のエミュレーターで、そのトークンはエミュレーターの実行中だけ有効です。offerops リポジトリで、このシェルでもう一度 `eval \"$(pnpm -s emulator env)\"` を実行してから、再度実行してください。",
  // #18 Partner Center ingestion v1.0 and Product Ingestion: why something that runs cannot be cancelled
  "core.refusal.notInProgress": "申請 {id} は {state} です。キャンセルできるのは進行中の申請だけです",
  "core.refusal.publishing": "申請 {id} は発行中です。もうキャンセルできません",
  "core.refusal.promoted": "申請 {id} はライブに昇格されました。ライブになるまでキャンセルできません",
  "core.refusal.byJob": "申請 {id} は、それを開始した構成ジョブからキャンセルします。パイプラインが出力した ID で job:<jobId> をキャンセルしてください",
  // #17 a confirmed cancel stops what was confirmed; bounded bot answers; "sent" decided once
  "core.outcome.OperationChanged.what":
    "{offer} の{operation} はもう実行されていません{running, select, none {} other {（現在は {running} が実行中です）}}。キャンセル要求は送信されていません。何もキャンセルされていません。",
  "core.outcome.OperationChanged.todo": "オファーで現在実行中の操作を確認し、必要であればもう一度キャンセルしてください。",
  "core.outcome.OperationChanged.instead.what":
    "{offer} のキャンセルで停止したのは、確定した {operation} ではなく {running} です。{operation} は自ら終了していました。",
  "core.outcome.OperationChanged.instead.todo": "パートナー センターで {running} を確認し、実行する予定だった場合はもう一度開始してください。",
  "core.error.Unavailable.notSent": "要求はこのマシンから送信されませんでした。何も送信されていないため、何も変更されていません。"
}
