/**
 * English: the reference catalogue. Its keys and the arguments of its messages are the contract
 * every other locale and every caller is checked against. ICU MessageFormat; `{kind}` is a
 * normalised operation kind (`publish`, `goLive`, `cancel`, `other`) so languages can inflect it,
 * `{state}` a normalised status with the service's own word in `{raw}`.
 */
export const en = {
  // Terms shared by every face.
  // English shows the service's own word for a kind or status; other languages name the normalised one.
  "term.kind": "{kind, select, none {operation} other {{raw}}}",
  "term.operationStatus": "{state, select, other {{raw}}}",
  "term.stepStatus": "{state, select, other {{raw}}}",
  "term.unnamedStep": "step",

  // Core: what a person should know before confirming.
  "core.warning.mayRefuse":
    "the service reports cancellationRequestState \"{state}\", not \"canCancel\": it may refuse this cancel (one may already be under way)",

  // Core: the advice for each error and outcome (Remedy). `{operation}` is a kind and id, e.g. `publish 4b1e…`.
  "core.operation": "{kind, select, none {operation} other {{raw}}}{id, select, none {} other { {id}}}",
  "core.cancellationFailed": "the cancellation{offer, select, none {} other { on {offer}}} failed: {operation} ended {status}",
  "core.error.BadRequest.what": "The Cloud Partner Portal refused the request as malformed.",
  "core.error.BadRequest.todo":
    "Check the publisherId, offerId and notification emails. If it names an api-version, set CPP_API_VERSION (default 2017-10-31).",
  "core.error.Unauthorized.what": "offerops could not sign in to the Cloud Partner Portal; nothing was changed.",
  "core.error.Unauthorized.todo":
    "Check the credentials it runs with: CPP_TOKEN, or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET of a service principal (or `az login`), and that the token is for https://cloudpartner.azure.com.",
  "core.error.Forbidden.what": "The service principal lacks access to this publisher.",
  "core.error.Forbidden.todo":
    "In Partner Center, add its Entra app to the publisher's account with the Developer (or Manager) role, and check the publisherId. Where an Object ID is asked for, it is the service principal's (Entra ID → Enterprise applications, \"Managed application in local directory\"), not the app registration's.",
  "core.error.NotFound.what": "No such publisher, offer or operation.",
  "core.error.NotFound.todo": "Check the publisherId, offerId and operation id (they are case-sensitive).",
  "core.error.Unavailable.what": "The Cloud Partner Portal did not answer usefully after several tries.",
  "core.error.Unavailable.todo":
    "The service answered {status, select, none {with an error} other {{status}}} after several retries: it is busy or down. Try again later{seconds, select, none {} other { (it asked to wait {seconds} s)}}, and check first whether anything changed.",
  "core.error.Unavailable.ConnectionRefused":
    "Nothing is listening at the base URL. Check the base URL (CPP_BASE_URL), and that the emulator runs if it is one.",
  "core.error.Unavailable.HostNotFound": "The host name does not resolve. Check the base URL (CPP_BASE_URL) for a typo, then DNS and the network.",
  "core.error.Unavailable.CertificateUntrusted":
    "This machine does not trust the server's certificate. For the emulator's https, run with NODE_EXTRA_CA_CERTS=<its certificate file>; behind a TLS-inspecting proxy, with that proxy's CA instead.",
  "core.error.Unavailable.ConnectionLost": "The connection failed or went unanswered. Check the network and the base URL, then try again.",
  "core.error.CancelUnconfirmed.what": "The answer to the cancel was lost, and the service could not show whether the cancel took.",
  "core.error.CancelUnconfirmed.todo":
    "Do not simply cancel again: see what the offer's operations show first, and cancel again only if the operation still runs with no cancel under way.",
  "core.error.InvalidResponse.what": "The Cloud Partner Portal answered in a form offerops does not understand.",
  "core.error.InvalidResponse.todo": "Check the offer in Partner Center before trying again, and report it with the request shown here.",
  "core.error.OperationFailed.todo": "Read the operation's messages in Partner Center, then check what runs now before trying again.",
  "core.error.WaitTimeout.what": "The operation was still running when the wait's deadline passed; nothing was lost.",
  "core.error.WaitTimeout.todo": "Keep waiting from where this wait stopped.",
  "core.error.InvalidInput.todo": "Write the offer as <publisherId>/<offerId> and the emails as a comma-separated list.",
  "core.outcome.Canceled.what": "Cancelled {operation, select, none {} other {{operation} }}on {offer}.",
  "core.outcome.Canceled.todo": "Nothing more to do: publish again when the offer is ready.",
  "core.outcome.EndedFirst.what":
    "The {operation} on {offer} {state, select, failed {failed} other {completed}} on its own before the cancel took effect: nothing was cancelled.",
  "core.outcome.EndedFirst.failed.todo": "Read why it failed in the operation's messages or in Partner Center.",
  "core.outcome.EndedFirst.completed.todo":
    "If it should not have gone through, check the offer in Partner Center and publish a corrected version.",
  "core.outcome.CancelFailed.what": "The cancellation on {offer} failed: the {operation} still runs.",
  "core.outcome.CancelFailed.todo": "Check what runs now; you may try to cancel again.",
  "core.outcome.NothingRunning.what": "Nothing is running on {offer}: nothing was cancelled.",
  "core.outcome.NothingRunning.todo": "It may have ended already, or it runs on another offer (the ids are case-sensitive).",
  "core.outcome.Accepted.what": "The service accepted the cancel on {offer}; its end was not awaited.",
  "core.outcome.Accepted.todo": "Follow it to its end with the resume token.",
  // Partner Center's menu names, as Partner Center shows them in each language.
  "core.partnerCenter.accountSettings": "Account settings",
  "core.partnerCenter.userManagement": "User management",
  "core.partnerCenter.aadApplications": "Azure AD applications",
  "core.partnerCenter.marketplaceOffers": "Marketplace offers",
  "core.partnerCenter.offer": "{offer, select, none {the offer} other {the offer {offer}}}",
  "core.partnerCenter.offerOverview": "Offer overview",

  // #20 newcomer messages: each input's accepted forms, no credentials, the emulator's tokens, the bot's history.
  "core.error.InvalidInput.Offer.todo": "Write the offer as <publisherId>/<offerId>, e.g. contoso/contoso-vm, with both ids as Partner Center shows them.",
  "core.error.InvalidInput.OperationId.todo": "Give the operation's id as the offer's list of operations shows it, e.g. 24ebe22d-a3f7-44a4-9792-628088ce594b.",
  "core.error.InvalidInput.Emails.todo": "Write the notification emails as a comma-separated list of at most 20 addresses, e.g. a@contoso.com,b@contoso.com.",
  "core.error.InvalidInput.ResumeToken.todo": "Give the resume token exactly as it was printed (it starts with {prefix}), or the operation's location: /api/publishers/<publisherId>/offers/<offerId>/operations/<id>, or that path as a URL of the base URL.",
  "core.error.InvalidInput.Location.todo": "Give the operation's location as the service sent it: /api/publishers/<publisherId>/offers/<offerId>/operations/<id>, or that path as a URL of the base URL (CPP_BASE_URL). A location with \"..\" or on another host is refused.",
  "core.error.InvalidInput.BaseUrl.todo": "Give an https:// base URL (CPP_BASE_URL), e.g. https://cloudpartner.azure.com. Plain http:// is only for this machine, e.g. the emulator's http://127.0.0.1:<port>.",
  "core.error.InvalidInput.Settings.todo": "Correct the environment variable named above, or unset it to use the default.",
  "core.error.Unauthorized.NoCredentials.what": "offerops found no credentials, so it sent nothing{baseUrl, select, none {} other { (it would have called {baseUrl})}}.",
  "core.error.Unauthorized.NoCredentials.tried": "Looked for:",
  "core.error.Unauthorized.NoCredentials.todo": "Set CPP_TOKEN, or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET of a service principal, or sign in with `az login`; then run again.",
  "core.error.Unauthorized.emulator.todo": "{baseUrl} is an emulator on this machine; its tokens last only as long as it runs. In the offerops repository, run `eval \"$(pnpm -s emulator env)\"` again in this shell, then run again.",
  // #18 Partner Center ingestion v1.0 and Product Ingestion: why something that runs cannot be cancelled
  "core.refusal.notInProgress": "submission {id} is {state}: only an in-progress submission can be cancelled",
  "core.refusal.publishing": "submission {id} is publishing: it can no longer be cancelled",
  "core.refusal.promoted": "submission {id} was promoted to live: it cannot be cancelled until it is live",
  "core.refusal.byJob": "submission {id} is cancelled through the configure job that started it: cancel job:<jobId> with the id its pipeline printed",
  // #17 a confirmed cancel stops what was confirmed; bounded bot answers; "sent" decided once
  "core.outcome.OperationChanged.what":
    "The {operation} on {offer} no longer runs{running, select, none {} other {: {running} runs now}}. No cancel was sent: nothing was cancelled.",
  "core.outcome.OperationChanged.todo": "See what runs on the offer now, and cancel again if that is what you mean.",
  "core.outcome.OperationChanged.instead.what":
    "The cancel on {offer} stopped {running}, not the confirmed {operation}, which had ended on its own.",
  "core.outcome.OperationChanged.instead.todo": "Check {running} in Partner Center and start it again if it was meant to run.",
  "core.error.Unavailable.notSent": "The request never left this machine: nothing was sent, so nothing was changed."
} as const

/** A catalogue for another language: every English key, each with its own text. */
export type Catalogue = { readonly [K in keyof typeof en]: string }
