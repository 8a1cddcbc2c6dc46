/** The one advice: every error and every outcome has words, in one place, for both faces. */
import { describe, expect, it } from "@effect/vitest"
import {
  BadRequest,
  CancelUnconfirmed,
  CppError,
  Forbidden,
  InputName,
  InvalidInput,
  InvalidResponse,
  isCppError,
  NotFound,
  OperationFailed,
  Unauthorized,
  Unavailable,
  WaitTimeout
} from "../src/CppError.ts"
import { Operation, Submission } from "../src/Operation.ts"
import { Outcome } from "../src/Outcome.ts"
import { translator } from "../src/i18n/Catalogues.ts"
import { remedyOf, remedyOfOutcome } from "../src/Remedy.ts"

const request = { method: "GET", path: "/api/publishers/p/offers/o/submissions", message: "denied" }
const failed = new Operation({
  id: "op-1",
  status: "failed",
  messages: [{ messageHtml: "<b>Certification</b> &#39;failed&#39;", level: "Error" }]
})

/** One of each error the core can fail with. */
const errors = {
  BadRequest: new BadRequest({ ...request, status: 400 }),
  Unauthorized: new Unauthorized({ ...request, status: 401 }),
  Forbidden: new Forbidden({ ...request, status: 403, code: "Forbidden" }),
  NotFound: new NotFound({ ...request, status: 404 }),
  Unavailable: new Unavailable({ ...request, status: 503, retryAfterMillis: 30_000 }),
  InvalidResponse: new InvalidResponse({ ...request, status: 200 }),
  OperationFailed: new OperationFailed({ location: "https://x/api/publishers/p/offers/o/operations/op-1", operation: failed, message: "the operation ended failed" }),
  WaitTimeout: new WaitTimeout({ location: "/l", resumeToken: "eyJ2IjoxfQ", message: "still running" }),
  InvalidInput: new InvalidInput({ message: "expected <publisherId>/<offerId>" }),
  CancelUnconfirmed: new CancelUnconfirmed({ offer: "p/o", operationId: "op-1", message: "the cancel may or may not have been taken" })
} satisfies { readonly [Tag in CppError["_tag"]]: Extract<CppError, { _tag: Tag }> }

describe("remedyOf", () => {
  it("has advice for every error tag of the schema", () => {
    expect(Object.keys(errors).sort()).toEqual([...CppError.members.map((member) => member.identifier)].sort())
    for (const error of Object.values(errors)) {
      const remedy = remedyOf(error)
      expect(remedy.what, error._tag).not.toBe("")
      expect(remedy.todo, error._tag).not.toBe("")
    }
  })

  it("tells who lacks access where: the Entra app with the Developer or Manager role, and which Object ID", () => {
    const remedy = remedyOf(errors.Forbidden)
    expect(remedy.partnerCenter).toEqual(["Account settings", "User management", "Azure AD applications"])
    expect(remedy.todo).toContain("Developer (or Manager)")
    expect(remedy.todo).toContain("Managed application in local directory")
    expect(remedy.detail).toEqual(["403 Forbidden from GET /api/publishers/p/offers/o/submissions: denied"])
  })

  it("continues a timed-out wait from its token, and shows what the service said about a failure", () => {
    expect(remedyOf(errors.WaitTimeout).next).toEqual({ _tag: "Watch", resumeToken: "eyJ2IjoxfQ" })
    expect(remedyOf(errors.OperationFailed).detail).toEqual(["Certification 'failed'"])
    expect(remedyOf(errors.OperationFailed).next).toEqual({ _tag: "ShowOperations", offer: "p/o" })
    expect(remedyOf(errors.Unavailable).todo).toContain("30 s")
    expect(remedyOf(new Unavailable({ ...request, unreachable: "ConnectionRefused" })).todo).toContain("Nothing is listening")
    expect(remedyOf(errors.CancelUnconfirmed).next).toEqual({ _tag: "ShowOperations", offer: "p/o" })
  })
})

describe("isCppError", () => {
  it("tells the core's errors from anything else", () => {
    for (const error of Object.values(errors)) expect(isCppError(error)).toBe(true)
    expect(isCppError({ _tag: "NotAllowed" })).toBe(false)
    expect(isCppError(new Error("x"))).toBe(false)
    expect(isCppError({ _tag: "Forbidden", message: "a look-alike, not the core's error" })).toBe(false)
  })
})

describe("remedyOfOutcome", () => {
  it("says nothing was cancelled when the operation ended first, completed or failed", () => {
    const completed = new Operation({ id: "op-1", submissionType: "publish", status: "completed" })
    const endedFirst = remedyOfOutcome(Outcome.cases.EndedFirst.make({ offer: "p/o", location: "/l", operation: completed }))
    expect(endedFirst.what).toBe("The publish op-1 on p/o completed on its own before the cancel took effect: nothing was cancelled.")
    const failedFirst = remedyOfOutcome(Outcome.cases.EndedFirst.make({ offer: "p/o", location: "/l", operation: failed }))
    expect(failedFirst.what).toContain("failed on its own")
    expect(failedFirst.detail).toEqual(["Certification 'failed'"])
  })

  it("has words and a next step for every outcome", () => {
    const outcomes: ReadonlyArray<Outcome> = [
      Outcome.cases.Canceled.make({ offer: "p/o" }),
      Outcome.cases.EndedFirst.make({ offer: "p/o", location: "/l", operation: failed }),
      Outcome.cases.CancelFailed.make({ offer: "p/o", location: "/l" }),
      Outcome.cases.NothingRunning.make({ offer: "p/o" }),
      Outcome.cases.Accepted.make({ offer: "p/o", location: "/l", resumeToken: "t" }),
      Outcome.cases.OperationChanged.make({
        offer: "p/o",
        location: "/l",
        operationId: "op-a",
        running: new Submission({ id: "op-b", submissionType: "publish", submissionState: "running" })
      })
    ]
    expect(outcomes.map((outcome) => outcome._tag).sort()).toEqual([...Outcome.members.map((m) => m.fields._tag.schema.literal)].sort())
    for (const outcome of outcomes) expect(remedyOfOutcome(outcome).what).toContain("p/o")
    expect(remedyOfOutcome(outcomes[4]!).next).toEqual({ _tag: "Watch", resumeToken: "t" })
    expect(remedyOfOutcome(outcomes[5]!).what).toBe(
      "The operation op-a on p/o no longer runs: publish op-b runs now. No cancel was sent: nothing was cancelled."
    )
    expect(remedyOfOutcome(outcomes[5]!).next).toEqual({ _tag: "ShowOperations", offer: "p/o" })
  })

  it("says truthfully when the cancel stopped another operation than the one confirmed", () => {
    const instead = Outcome.cases.OperationChanged.make({
      offer: "p/o",
      location: "/l",
      operationId: "op-a",
      operation: new Operation({ id: "op-a", submissionType: "goLive", status: "completed" }),
      canceledInstead: new Submission({ id: "op-b", submissionType: "publish", submissionState: "canceled" })
    })
    expect(remedyOfOutcome(instead).what).toBe("The cancel on p/o stopped publish op-b, not the confirmed goLive op-a, which had ended on its own.")
  })

  it("says nothing was sent when the transport knows the request never left", () => {
    const notSent = new Unavailable({ method: "POST", path: "/api/x/cancel", message: "no route", unreachable: "NoResponse", sent: false })
    expect(remedyOf(notSent).what).toBe("The request never left this machine: nothing was sent, so nothing was changed.")
    expect(remedyOf(new Unavailable({ method: "POST", path: "/api/x/cancel", message: "reset", unreachable: "ConnectionLost" })).what)
      .not.toContain("nothing was sent")
  })
})

describe("remedies in the reader's language", () => {
  const canceled = Outcome.cases.Canceled.make({
    offer: "p/o",
    operation: new Operation({ id: "op-1", submissionType: "publish", status: "canceled" })
  })

  it("keep English word for word by default (the JSON message is a contract)", () => {
    expect(remedyOfOutcome(canceled).what).toBe("Cancelled publish op-1 on p/o.")
    expect(remedyOfOutcome(Outcome.cases.Canceled.make({ offer: "p/o" })).what).toBe("Cancelled on p/o.")
    expect(remedyOf(errors.Unavailable).todo).toBe(
      "The service answered 503 after several retries: it is busy or down. Try again later (it asked to wait 30 s), and check first whether anything changed."
    )
    expect(remedyOf(errors.Forbidden).partnerCenter).toEqual(["Account settings", "User management", "Azure AD applications"])
  })

  it("speak Japanese, Russian and Hungarian with the glossary's terms, keeping ids and what the service said", () => {
    expect(remedyOfOutcome(canceled, translator("ja")).what).toBe("p/o の発行操作 op-1 をキャンセルしました。")
    expect(remedyOfOutcome(canceled, translator("ru")).what).toBe("Отменено: операция публикации op-1 в предложении p/o.")
    expect(remedyOf(errors.Unavailable, translator("hu")).todo).toContain("30 mp")
    const forbidden = remedyOf(errors.Forbidden, translator("ko"))
    expect(forbidden.what).toContain("게시자")
    expect(forbidden.partnerCenter).toEqual(["계정 설정", "사용자 관리", "Azure AD 애플리케이션"])
    expect(forbidden.detail).toEqual(remedyOf(errors.Forbidden).detail)
  })
})

// #20: each mistake gets the advice for that mistake.
describe("remedyOf, per mistake", () => {
  it("gives each wrong input its own accepted forms, and none another input's", () => {
    const todo = (input: InputName) => remedyOf(new InvalidInput({ message: "x", input })).todo
    expect(todo("Offer")).toContain("<publisherId>/<offerId>")
    expect(todo("Emails")).toContain("comma-separated list of at most 20")
    expect(todo("ResumeToken")).toContain("it starts with eyJ2Ijo")
    expect(todo("Location")).toContain("/api/publishers/<publisherId>/offers/<offerId>/operations/<id>")
    expect(todo("OperationId")).toContain("list of operations")
    expect(todo("BaseUrl")).toContain("https://")
    expect(todo("Settings")).toContain("environment variable")
    for (const input of InputName.literals) {
      if (input !== "Offer") expect(todo(input), input).not.toContain("Write the offer")
      if (input !== "Emails") expect(todo(input), input).not.toContain("emails")
    }
    expect(new Set(InputName.literals.map(todo)).size).toBe(InputName.literals.length)
    for (const locale of ["ja", "ko", "zh-TW", "ru", "hu"] as const) {
      const t = translator(locale)
      const texts = InputName.literals.map((input) => remedyOf(new InvalidInput({ message: "x", input }), t).todo)
      expect(new Set(texts).size, locale).toBe(InputName.literals.length)
      expect(texts.find((text) => text.includes("eyJ2Ijo")), locale).toBeDefined()
    }
  })

  it("with no credentials at all, says what it looked for and where it would have gone, not that nothing answered", () => {
    const remedy = remedyOf(
      new Unauthorized({
        method: "POST",
        path: "(token endpoint)",
        code: "NoCredentials",
        message: "no credentials found",
        baseUrl: "https://cloudpartner.azure.com",
        tried: ["CPP_TOKEN: not set (or empty)", "Azure CLI could not be found."]
      })
    )
    expect(remedy.what).toBe("offerops found no credentials, so it sent nothing (it would have called https://cloudpartner.azure.com).")
    expect(remedy.detail).toEqual(["Looked for:", "  CPP_TOKEN: not set (or empty)", "  Azure CLI could not be found."])
    expect(remedy.todo).toContain("AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET")
    expect(remedy.todo).toContain("`az login`")
    expect([remedy.what, ...remedy.detail].join("\n")).not.toContain("no response")
  })

  it("advises a fresh emulator token for a 401 from an emulator on this machine, and the real service's audience otherwise", () => {
    const refused = (baseUrl: string) => remedyOf(new Unauthorized({ ...request, status: 401, baseUrl })).todo
    for (const baseUrl of ["http://127.0.0.1:4010", "https://localhost:8443", "http://[::1]:9"]) {
      expect(refused(baseUrl), baseUrl).toContain("`eval \"$(pnpm -s emulator env)\"` again")
    }
    expect(refused("https://cloudpartner.azure.com")).toContain("the token is for https://cloudpartner.azure.com")
    expect(refused("https://cloudpartner.azure.com")).not.toContain("emulator env")
  })
})
