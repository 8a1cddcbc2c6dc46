/**
 * The listeners called directly, as Bolt would, with fake ack/respond/client and a fake CppClient:
 * ack comes first and carries nothing, and the answer, the cancel and the refusals follow.
 */
import { Backends, CppClient, Forbidden, Operation, Step, Submission } from "@offerops/core"
import type { RespondFn } from "@slack/bolt"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { WorkflowEngine } from "effect/workflow"
import { AuditLog } from "../src/store/AuditLog.ts"
import { Confirmations } from "../src/store/Confirmations.ts"
import { OfferHolds } from "../src/store/OfferHolds.ts"
import { Subscriptions } from "../src/store/Subscriptions.ts"
import { ChannelSlack } from "../src/watch/ChannelSlack.ts"
import { CancelWorkflow, layerCancelWorkflow } from "../src/workflow/CancelWorkflow.ts"
import { SlackChat } from "../src/workflow/Conversation.ts"
import { slackReplies } from "../src/listeners/respond.ts"
import { confirmCancel } from "../src/listeners/actions/confirmCancel.ts"
import { dismissCancel } from "../src/listeners/actions/dismissCancel.ts"
import { cancelOffer } from "../src/listeners/commands/cancelOffer.ts"
import { CancelPolicy, parsePolicy } from "../src/Policy.ts"
import { Readers } from "../src/Readers.ts"
import { makeRunner } from "../src/Runtime.ts"
import { eventually } from "./support/eventually.ts"

const running = new Submission({ id: "op-1", submissionState: "running", submissionType: "publish", offerVersion: 3, changedTime: "2026-01-05T10:00:00Z" })
const inCertification = new Operation({
  id: "op-1",
  status: "running",
  submissionType: "publish",
  steps: [new Step({ id: "displaycertify", stepName: "Certification", status: "inProgress", progressPercentage: 40 })]
})
const canceled = new Operation({ id: "op-1", status: "canceled" })

/** A CPP service with one running publish; `fail` makes every call fail with that error. */
const fakeCpp = () => {
  const state = { cancels: 0, canceled: false, fail: undefined as Forbidden | undefined }
  const current = () => (state.canceled ? canceled : inCertification)
  const guard = <A>(value: () => A) => Effect.suspend(() => (state.fail === undefined ? Effect.succeed(value()) : Effect.fail(state.fail)))
  const layer = Layer.succeed(
    CppClient,
    CppClient.of({
      listSubmissions: () => guard(() => (state.canceled ? [] : [running])),
      getOperation: () => guard(current),
      pollOperation: () => guard(() => ({ operation: current(), retryAfter: Option.none() })),
      cancelOffer: () =>
        guard(() => {
          state.cancels++
          state.canceled = true
          return { _tag: "Canceled" } as const
        }),
      resolveLocation: (location) => Effect.succeed(location)
    })
  )
  return { state, layer }
}

const policy = Effect.runSync(parsePolicy("test", JSON.stringify({ allow: [{ users: ["U0ALICE"], publishers: ["contoso"] }] })))

const runtimes: Array<{ dispose(): Promise<void> }> = []
afterAll(() => Promise.all(runtimes.map((runtime) => runtime.dispose())))

const setup = () => {
  const cpp = fakeCpp()
  const audit: Array<string> = []
  const log: Array<string> = []
  const messages: Array<Record<string, unknown>> = []
  const ack = async (...args: Array<unknown>) => void log.push(`ack(${args.length})`)
  const respond = (async (message: Record<string, unknown>) => {
    log.push("respond")
    messages.push(message)
    return new Response("ok")
  }) as unknown as RespondFn
  const client = {
    chat: {
      postMessage: async () => {
        log.push("chat.postMessage")
        return { ts: "1.1" }
      },
      update: async () => void log.push("chat.update")
    },
    // Slack's users.info: every user reads English in UTC unless a test says otherwise.
    users: {
      info: async ({ user }: { user: string }) => {
        log.push("users.info")
        return { user: locales.get(user) ?? { locale: "en-US", tz: "UTC" } }
      }
    }
  }
  const locales = new Map<string, { locale: string; tz: string }>()
  // The workflow answers through the click's response_url: here, the same fake respond.
  const slack = Layer.succeed(SlackChat, SlackChat.of({ replies: () => slackReplies(respond, client) }))
  const runtime = ManagedRuntime.make(
    layerCancelWorkflow.pipe(
      Layer.provide(slack),
      Layer.provideMerge(WorkflowEngine.layerMemory),
      Layer.provideMerge(Layer.mergeAll(
        cpp.layer,
        Backends.layer([]),
        Confirmations.layerMemory(),
        OfferHolds.layerMemory,
        AuditLog.layerMemory({ write: (line) => audit.push(line) }),
        CancelPolicy.layer(policy),
        Readers.layer({ teamLocale: "en" }),
        Subscriptions.layerMemory,
        // Every channel takes the bot's posts here.
        Layer.succeed(ChannelSlack, ChannelSlack.of({ access: () => Effect.succeed("ok"), post: () => Effect.succeed("1.1"), update: () => Effect.void }))
      ))
    )
  )
  runtimes.push(runtime)
  const runner = makeRunner(runtime)
  return { cpp, audit, runtime, runner, log, messages, ack, respond, client, locales }
}


const ask = async (t: ReturnType<typeof setup>, user: string, text: string) => {
  await cancelOffer(t.runner)({ command: { user_id: user, channel_id: "C0OPS", text }, ack: t.ack, respond: t.respond, client: t.client })
  const shown = JSON.stringify(t.messages.at(-1))
  return /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(shown)?.[1] ?? ""
}

const press = (t: ReturnType<typeof setup>, listener: typeof confirmCancel, user: string, value: string) =>
  listener(t.runner)({
    ack: t.ack,
    body: { user: { id: user }, channel: { id: "C0OPS" }, response_url: "https://hooks.slack.invalid/1" },
    action: { value },
    respond: t.respond,
    client: t.client
  })

describe("cancelOffer (command listener)", () => {
  it("acks first, with no body, then shows the confirmation ephemerally without cancelling", async () => {
    const t = setup()
    const value = await ask(t, "U0ALICE", "contoso/vm ops@contoso.com")
    expect(t.log).toEqual(["ack(0)", "users.info", "respond"])
    expect(t.messages[0]).toMatchObject({ response_type: "ephemeral" })
    const shown = JSON.stringify(t.messages[0])
    // The start time is the requester's: in their language and Slack time zone (UTC here).
    for (const part of ["publish", "Certification (inProgress, 40%)", "op-1", "ops@contoso.com", "Jan 5, 2026, 10:00 AM"]) {
      expect(shown).toContain(part)
    }
    expect(value).toMatch(/^[0-9a-f-]{36}$/)
    expect(t.cpp.state.cancels).toBe(0)
  })

  it("answers in the requester's Slack language and time zone, asking Slack once within the cache's life", async () => {
    const t = setup()
    t.locales.set("U0ALICE", { locale: "ja-JP", tz: "Asia/Tokyo" })
    await ask(t, "U0ALICE", "contoso/vm")
    const shown = JSON.stringify(t.messages.at(-1))
    for (const part of ["contoso/vm* で実行中の発行操作をキャンセルしますか?", "2026/01/05 19:00", "Certification (進行中, 40%)", "操作をキャンセル"]) {
      expect(shown).toContain(part)
    }
    await ask(t, "U0ALICE", "status contoso/vm")
    expect(JSON.stringify(t.messages.at(-1))).toContain("で発行操作が実行中です。")
    expect(t.log.filter((call) => call === "users.info")).toHaveLength(1)
  })

  it("answers in English when Slack cannot say the requester's locale", async () => {
    const t = setup()
    t.client.users.info = async () => {
      throw new Error("ratelimited")
    }
    await ask(t, "U0ALICE", "contoso/vm")
    expect(JSON.stringify(t.messages.at(-1))).toContain("Cancel the publish running on contoso/vm?")
  })

  it("turns a core error into what happened and what to do", async () => {
    const t = setup()
    t.cpp.state.fail = new Forbidden({ method: "GET", path: "/api/publishers/contoso/offers/vm/submissions/", status: 403, message: "no access" })
    await ask(t, "U0ALICE", "status contoso/vm")
    const answer = JSON.stringify(t.messages[0])
    expect(answer).toContain("service principal lacks access")
    expect(answer).toContain("Developer (or Manager)")
    expect(answer).toContain("Partner Center")
  })
})

describe("confirmCancel and dismissCancel (button listeners)", () => {
  it("cancels once on Confirm and reports the outcome in the channel", async () => {
    const t = setup()
    const value = await ask(t, "U0ALICE", "contoso/vm")
    t.log.length = 0
    await press(t, confirmCancel, "U0ALICE", value)
    expect(t.log[0]).toBe("ack(0)")
    // The cancel runs on as a workflow after the click's work is done.
    await eventually(() => t.audit.some((line) => line.includes('"event":"outcome"')))
    expect(t.cpp.state.cancels).toBe(1)
    expect(t.messages.at(-1)).toMatchObject({ response_type: "in_channel", replace_original: false })
    expect(JSON.stringify(t.messages.at(-1))).toContain("<@U0ALICE> at ")
    expect(JSON.stringify(t.messages.at(-1))).toContain("Cancelled operation op-1 on contoso/vm.")
    await press(t, confirmCancel, "U0ALICE", value)
    expect(t.cpp.state.cancels).toBe(1)
    expect(JSON.stringify(t.messages.at(-1))).toContain("already used")
  })

  it("a workflow that starts after its stale hold was taken over cancels nothing and says who holds the offer", async () => {
    const t = setup()
    // The bot died between claiming c1's hold and starting c1's workflow; a later confirm (c2) took
    // the stale hold over. c1's workflow, resumed only now, must not cancel a second time.
    await t.runtime.runPromise(OfferHolds.use((holds) => holds.claim({ offer: "contoso/vm", by: "U0BOB", confirmationId: "c2" })))
    await t.runtime.runPromise(CancelWorkflow.execute({
      confirmation: {
        id: "c1",
        requester: "U0ALICE",
        channel: "C0OPS",
        offer: "contoso/vm",
        operationId: "op-1",
        operationType: "publish",
        emails: [],
        createdAt: 0
      },
      clicker: "U0ALICE",
      channel: "C0OPS",
      responseUrl: "https://hooks.slack.invalid/1",
      clickedAt: Date.now(),
      reader: { locale: "en", timeZone: "UTC" }
    }))
    expect(t.cpp.state.cancels).toBe(0)
    expect(JSON.stringify(t.messages.at(-1))).toContain("A cancel of contoso/vm started by <@U0BOB> is already in progress.")
    expect(t.audit.at(-1)).toContain('"result":"refused-confirmation:CancelInFlight"')
    // c2's hold stands: only its own workflow releases it.
    const again = await t.runtime.runPromise(
      OfferHolds.use((holds) => holds.claim({ offer: "contoso/vm", by: "U0CAROL", confirmationId: "c3" })).pipe(Effect.flip)
    )
    expect(again.by).toBe("U0BOB")
  })

  it("refuses a clicker the policy does not allow", async () => {
    const t = setup()
    const value = await ask(t, "U0ALICE", "contoso/vm")
    await press(t, confirmCancel, "U0MALLORY", value)
    expect(t.cpp.state.cancels).toBe(0)
    expect(JSON.stringify(t.messages.at(-1))).toContain("<@U0MALLORY> may not cancel")
    expect(t.audit.at(-1)).toContain('"result":"refused-confirmation:NotAllowed"')
  })

  it("refuses a forged confirmation id", async () => {
    const t = setup()
    await press(t, confirmCancel, "U0ALICE", "contoso/vm")
    expect(t.cpp.state.cancels).toBe(0)
    expect(JSON.stringify(t.messages.at(-1))).toContain("not known")
  })

  it("lets only the requester dismiss", async () => {
    const t = setup()
    const value = await ask(t, "U0ALICE", "contoso/vm")
    await press(t, dismissCancel, "U0BOB", value)
    expect(JSON.stringify(t.messages.at(-1))).toContain("Only <@U0ALICE>")
    await press(t, dismissCancel, "U0ALICE", value)
    expect(t.messages.at(-1)).toMatchObject({ replace_original: true })
    expect(JSON.stringify(t.messages.at(-1))).toContain("Dismissed")
    expect(t.cpp.state.cancels).toBe(0)
  })
})
