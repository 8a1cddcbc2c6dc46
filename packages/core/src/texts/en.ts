/**
 * Every sentence the core says to a person, in English: advice for each error, the meaning of each
 * outcome, and warnings. One file per locale; values (ids, messages from the service) come in as
 * arguments, so a translation never has to re-split a sentence.
 */
import type { Operation } from "../Operation.ts"

/** `publish 4b1e…`, or "operation" when the service did not say which. */
const named = (operation: Operation | undefined) =>
  `${operation?.submissionType ?? "operation"}${operation?.id === undefined ? "" : ` ${operation.id}`}`

export const texts = {
  cancellationWarning: (state: string) =>
    `the service reports cancellationRequestState "${state}", not "canCancel": it may refuse this cancel (one may already be under way)`,
  cancellationFailed: (offer: string | undefined, cancelOperation: Operation) =>
    `the cancellation${offer === undefined ? "" : ` on ${offer}`} failed: ${named(cancelOperation)} ended ${cancelOperation.status}`,

  error: {
    BadRequest: {
      what: "The Cloud Partner Portal refused the request as malformed.",
      todo: "Check the publisherId, offerId and notification emails. If it names an api-version, set CPP_API_VERSION (default 2017-10-31)."
    },
    Unauthorized: {
      what: "offerops could not sign in to the Cloud Partner Portal; nothing was changed.",
      todo: "Check the credentials it runs with: CPP_TOKEN, or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET of a " +
        "service principal (or `az login`), and that the token is for https://cloudpartner.azure.com."
    },
    Forbidden: {
      what: "The service principal lacks access to this publisher.",
      todo: "In Partner Center, add its Entra app to the publisher's account with the Developer (or Manager) role, and check " +
        "the publisherId. Where an Object ID is asked for, it is the service principal's (Entra ID → Enterprise applications, " +
        "\"Managed application in local directory\"), not the app registration's.",
      partnerCenter: ["Account settings", "User management", "Azure AD applications"]
    },
    NotFound: {
      what: "No such publisher, offer or operation.",
      todo: "Check the publisherId, offerId and operation id (they are case-sensitive)."
    },
    Unavailable: {
      what: "The Cloud Partner Portal did not answer usefully after several tries.",
      // Only a busy service or a lost connection passes by waiting; the rest need someone to act.
      todo: (status: number | undefined, retryAfterSeconds: number | undefined) =>
        `The service answered ${status ?? "with an error"} after several retries: it is busy or down. Try again later${
          retryAfterSeconds === undefined ? "" : ` (it asked to wait ${retryAfterSeconds} s)`
        }, and check first whether anything changed.`,
      ConnectionRefused: "Nothing is listening at the base URL. Check the base URL (CPP_BASE_URL), and that the emulator runs if it is one.",
      HostNotFound: "The host name does not resolve. Check the base URL (CPP_BASE_URL) for a typo, then DNS and the network.",
      CertificateUntrusted: "This machine does not trust the server's certificate. For the emulator's https, run with " +
        "NODE_EXTRA_CA_CERTS=<its certificate file>; behind a TLS-inspecting proxy, with that proxy's CA instead.",
      NoResponse: "The connection failed or went unanswered. Check the network and the base URL, then try again.",
      ConnectionLost: "The connection failed or went unanswered. Check the network and the base URL, then try again."
    },
    CancelUnconfirmed: {
      what: "The answer to the cancel was lost, and the service could not show whether the cancel took.",
      todo: "Do not simply cancel again: see what the offer's operations show first, and cancel again only if the operation still runs with no cancel under way."
    },
    InvalidResponse: {
      what: "The Cloud Partner Portal answered in a form offerops does not understand.",
      todo: "Check the offer in Partner Center before trying again, and report it with the request shown here."
    },
    OperationFailed: {
      what: (message: string) => message,
      todo: "Read the operation's messages in Partner Center, then check what runs now before trying again."
    },
    WaitTimeout: {
      what: "The operation was still running when the wait's deadline passed; nothing was lost.",
      todo: "Keep waiting from where this wait stopped."
    },
    InvalidInput: {
      what: (message: string) => message,
      todo: "Write the offer as <publisherId>/<offerId> and the emails as a comma-separated list."
    }
  },

  outcome: {
    Canceled: {
      what: (offer: string, operation: Operation | undefined) =>
        operation === undefined ? `Cancelled on ${offer}.` : `Cancelled ${named(operation)} on ${offer}.`,
      todo: "Nothing more to do: publish again when the offer is ready."
    },
    EndedFirst: {
      what: (offer: string, operation: Operation) =>
        `The ${named(operation)} on ${offer} ${
          operation.state === "failed" ? "failed" : "completed"
        } on its own before the cancel took effect: nothing was cancelled.`,
      todo: (operation: Operation) =>
        operation.state === "failed"
          ? "Read why it failed in the operation's messages or in Partner Center."
          : "If it should not have gone through, check the offer in Partner Center and publish a corrected version."
    },
    CancelFailed: {
      what: (offer: string, operation: Operation | undefined) =>
        `The cancellation on ${offer} failed: the ${named(operation)} still runs.`,
      todo: "Check what runs now; you may try to cancel again."
    },
    NothingRunning: {
      what: (offer: string) => `Nothing is running on ${offer}: nothing was cancelled.`,
      todo: "See the offer's operations to find out how the last one ended."
    },
    Accepted: {
      what: (offer: string) => `The service accepted the cancel on ${offer}; its end was not awaited.`,
      todo: "Follow it to its end with the resume token."
    }
  },

  partnerCenterOffer: (offer: string | undefined) => ["Marketplace offers", offer === undefined ? "the offer" : `the offer ${offer}`, "Offer overview"]
} as const
