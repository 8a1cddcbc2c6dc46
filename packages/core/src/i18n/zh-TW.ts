/** Traditional Chinese (Taiwan). Terms follow GLOSSARY.md (Microsoft's: 作業, 供應項目, 發行者, 發行, 取消). */
import type { Catalogue } from "./en.ts"

export const zhTW: Catalogue = {
  "term.kind": "{kind, select, publish {發行} goLive {上線} cancel {取消} none {作業} other {{raw}}}",
  "term.operationStatus":
    "{state, select, notStarted {尚未開始} running {執行中} completed {已完成} failed {失敗} canceled {已取消} other {{raw}}}",
  "term.stepStatus":
    "{state, select, notStarted {尚未開始} inProgress {進行中} waitingForPublisherReview {等候發行者檢閱} waitingForApproval {等候核准} blocked {已封鎖} rejected {已拒絕} complete {已完成} failed {失敗} canceled {已取消} other {{raw}}}",
  "term.unnamedStep": "步驟",

  "core.warning.mayRefuse":
    "服務回報的 cancellationRequestState 為 \"{state}\"，而非 \"canCancel\"：服務可能會拒絕此取消要求 (可能已有其他取消正在進行)",

  "core.operation": "{kind, select, publish {發行作業} goLive {上線作業} cancel {取消作業} none {作業} other {{raw}}}{id, select, none {} other { {id}}}",
  "core.cancellationFailed": "{offer, select, none {} other {{offer} 上的}}取消失敗：{operation} 以 {status} 狀態結束",
  "core.error.BadRequest.what": "Cloud Partner Portal 以格式錯誤為由拒絕了要求。",
  "core.error.BadRequest.todo":
    "請檢查 publisherId、offerId 和通知電子郵件地址。若錯誤提到 api-version，請設定 CPP_API_VERSION (預設為 2017-10-31)。",
  "core.error.Unauthorized.what": "offerops 無法登入 Cloud Partner Portal；未變更任何項目。",
  "core.error.Unauthorized.todo":
    "請檢查執行時使用的認證：CPP_TOKEN，或服務主體的 AZURE_TENANT_ID、AZURE_CLIENT_ID 和 AZURE_CLIENT_SECRET (或 `az login`)，並確認權杖適用於 https://cloudpartner.azure.com。",
  "core.error.Forbidden.what": "服務主體沒有此發行者的存取權。",
  "core.error.Forbidden.todo":
    "請在合作夥伴中心將其 Entra 應用程式以開發人員 (或管理員) 角色新增至發行者的帳戶，並檢查 publisherId。若要求提供物件識別碼，請使用服務主體的識別碼 (Entra ID → 企業應用程式，\"本機目錄中的受控應用程式\")，而非應用程式註冊的識別碼。",
  "core.error.NotFound.what": "找不到此發行者、供應項目或作業。",
  "core.error.NotFound.todo": "請檢查 publisherId、offerId 和作業識別碼 (須區分大小寫)。",
  "core.error.Unavailable.what": "嘗試數次後，Cloud Partner Portal 仍未提供有效的回應。",
  "core.error.Unavailable.todo":
    "重試數次後，服務的回應仍為{status, select, none {錯誤} other { {status}}}：服務忙碌或已停止。請稍後再試{seconds, select, none {} other { (服務要求等候 {seconds} 秒)}}，並先確認是否有任何變更。",
  "core.error.Unavailable.ConnectionRefused":
    "基底 URL 上沒有任何服務在接聽。請檢查基底 URL (CPP_BASE_URL)；若為模擬器，請確認其正在執行。",
  "core.error.Unavailable.HostNotFound": "無法解析主機名稱。請檢查基底 URL (CPP_BASE_URL) 是否有拼字錯誤，再檢查 DNS 和網路。",
  "core.error.Unavailable.CertificateUntrusted":
    "這部電腦不信任伺服器的憑證。若使用模擬器的 https，請以 NODE_EXTRA_CA_CERTS=<其憑證檔案> 執行；若位於會檢查 TLS 的 Proxy 後方，請改用該 Proxy 的 CA。",
  "core.error.Unavailable.ConnectionLost": "連線失敗或沒有回應。請檢查網路和基底 URL，然後再試一次。",
  "core.error.CancelUnconfirmed.what": "取消要求的回應遺失了，且服務無法顯示取消是否已生效。",
  "core.error.CancelUnconfirmed.todo":
    "請勿直接再次取消：先查看供應項目的作業，只有在作業仍在執行且沒有進行中的取消時，才再次取消。",
  "core.error.InvalidResponse.what": "Cloud Partner Portal 的回應格式無法由 offerops 解讀。",
  "core.error.InvalidResponse.todo": "再試一次之前，請先在合作夥伴中心檢查供應項目，並附上此處顯示的要求回報此問題。",
  "core.error.OperationFailed.todo": "請在合作夥伴中心閱讀作業的訊息，然後確認目前正在執行的作業，再重試。",
  "core.error.WaitTimeout.what": "等候期限已過，但作業仍在執行中；沒有遺失任何資料。",
  "core.error.WaitTimeout.todo": "請從此次等候停止的位置繼續等候。",
  "core.error.InvalidInput.todo": "請將供應項目寫成 <publisherId>/<offerId>，並以逗號分隔電子郵件地址。",
  "core.outcome.Canceled.what": "已取消 {offer} 上的{operation, select, none {作業} other {{operation}}}。",
  "core.outcome.Canceled.todo": "不需要再做任何事：供應項目準備好後再重新發行。",
  "core.outcome.EndedFirst.what":
    "{offer} 上的{operation} 在取消生效前已自行{state, select, failed {失敗} other {完成}}：沒有取消任何項目。",
  "core.outcome.EndedFirst.failed.todo": "請在作業的訊息或合作夥伴中心查看失敗原因。",
  "core.outcome.EndedFirst.completed.todo":
    "若不應完成，請在合作夥伴中心檢查供應項目，並發行修正後的版本。",
  "core.outcome.CancelFailed.what": "{offer} 上的取消失敗：{operation} 仍在執行中。",
  "core.outcome.CancelFailed.todo": "請確認目前正在執行的作業；您可以再次嘗試取消。",
  "core.outcome.NothingRunning.what": "{offer} 上沒有正在執行的作業：沒有取消任何項目。",
  "core.outcome.NothingRunning.todo": "作業可能已經結束，或正在其他供應項目上執行 (識別碼區分大小寫)。",
  "core.outcome.Accepted.what": "服務已接受 {offer} 上的取消；未等候其結束。",
  "core.outcome.Accepted.todo": "請使用繼續權杖追蹤至結束。",
  "core.partnerCenter.accountSettings": "帳戶設定",
  "core.partnerCenter.userManagement": "使用者管理",
  "core.partnerCenter.aadApplications": "Azure AD 應用程式",
  "core.partnerCenter.marketplaceOffers": "市集供應項目",
  "core.partnerCenter.offer": "{offer, select, none {供應項目} other {供應項目 {offer}}}",
  "core.partnerCenter.offerOverview": "供應項目概觀",

  // #20 newcomer messages: each input's accepted forms, no credentials, the emulator's tokens, the bot's history.
  "core.error.InvalidInput.Offer.todo": "請將供應項目寫成 <publisherId>/<offerId>，兩個識別碼都依合作夥伴中心顯示的方式填寫，例如 contoso/contoso-vm。",
  "core.error.InvalidInput.OperationId.todo": "請依供應項目作業清單顯示的方式提供作業識別碼，例如 24ebe22d-a3f7-44a4-9792-628088ce594b。",
  "core.error.InvalidInput.Emails.todo": "請以逗號分隔的清單提供通知電子郵件地址，最多 20 個，例如 a@contoso.com,b@contoso.com。",
  "core.error.InvalidInput.ResumeToken.todo": "請依原本列印的內容提供繼續權杖 (以 {prefix} 開頭)，或提供作業的位置：/api/publishers/<publisherId>/offers/<offerId>/operations/<id>，或該路徑在基底 URL 下的 URL。",
  "core.error.InvalidInput.Location.todo": "請依服務傳回的內容提供作業的位置：/api/publishers/<publisherId>/offers/<offerId>/operations/<id>，或該路徑在基底 URL (CPP_BASE_URL) 下的 URL。含有 \"..\" 或位於其他主機的位置會被拒絕。",
  "core.error.InvalidInput.BaseUrl.todo": "請提供 https:// 基底 URL (CPP_BASE_URL)，例如 https://cloudpartner.azure.com。http:// 僅適用於本機，例如模擬器的 http://127.0.0.1:<port>。",
  "core.error.InvalidInput.Settings.todo": "請修正上方指出的環境變數，或取消設定以使用預設值。",
  "core.error.Unauthorized.NoCredentials.what": "offerops 找不到任何認證，因此未傳送任何內容{baseUrl, select, none {} other { (原本會呼叫 {baseUrl})}}。",
  "core.error.Unauthorized.NoCredentials.tried": "已尋找：",
  "core.error.Unauthorized.NoCredentials.todo": "請設定 CPP_TOKEN，或服務主體的 AZURE_TENANT_ID、AZURE_CLIENT_ID 和 AZURE_CLIENT_SECRET，或以 `az login` 登入，然後再執行一次。",
  "core.error.Unauthorized.emulator.todo": "{baseUrl} 是本機上的模擬器，其權杖只在模擬器執行期間有效。請在 offerops 存放庫中，於此殼層再次執行 `eval \"$(pnpm -s emulator env)\"`，然後再執行一次。",
  // #18 Partner Center ingestion v1.0 and Product Ingestion: why something that runs cannot be cancelled
  "core.refusal.notInProgress": "提交 {id} 的狀態為 {state}：只有進行中的提交可以取消",
  "core.refusal.publishing": "提交 {id} 正在發佈：已無法取消",
  "core.refusal.promoted": "提交 {id} 已升級為上線：在上線之前無法取消",
  "core.refusal.byJob": "提交 {id} 須透過啟動它的設定作業取消：請以管線輸出的識別碼取消 job:<jobId>",
  // #17 a confirmed cancel stops what was confirmed; bounded bot answers; "sent" decided once
  "core.outcome.OperationChanged.what":
    "{offer} 上的{operation} 已不再執行{running, select, none {} other {（目前正在執行的是 {running}）}}。未送出取消要求：沒有取消任何項目。",
  "core.outcome.OperationChanged.todo": "請查看供應項目上目前正在執行的作業，如有需要請再次取消。",
  "core.outcome.OperationChanged.instead.what":
    "{offer} 上的取消停止的是 {running}，而不是已確認的 {operation}；{operation} 已自行結束。",
  "core.outcome.OperationChanged.instead.todo": "請在合作夥伴中心檢查 {running}，若它本應執行，請重新開始。",
  "core.error.Unavailable.notSent": "要求從未離開這台電腦：沒有送出任何內容，因此沒有任何變更。"
}
