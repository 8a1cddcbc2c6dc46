/** The one follow rule as a pure step: stages in order, a failed read ends it, pacing and the deadline. */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Option } from "effect"
import { defaultSettings } from "../src/CppConfig.ts"
import { afterRead, type FollowNext, type FollowPlan, followProgress, startFollowing } from "../src/Follow.ts"
import { Operation } from "../src/Operation.ts"
import { decodeResumeToken } from "../src/ResumeToken.ts"
import { Effect } from "effect"

const plan: FollowPlan = {
  settings: defaultSettings,
  deadline: 60_000,
  stages: [{ subject: "cancel", location: "https://x/cancel-1" }, { subject: "operation", location: "https://x/op-1" }],
  offer: "p/o",
  cancellation: true
}

const read = (next: FollowNext, status: string, at: number) => {
  if (next._tag !== "Read") throw new Error(`expected a read, got ${next._tag}`)
  const progress = followProgress(plan, next.following, new Operation({ id: "x", status }))
  return { progress, next: afterRead(plan, next.following, progress, { at, retryAfter: Option.none() }) }
}

describe("the follow step", () => {
  it("reads the cancel operation after the 202's Retry-After, then the cancelled operation at once, then ends", () => {
    const first = startFollowing(plan, 0, Option.some(Duration.seconds(5)))
    expect(first._tag === "Read" && [first.stage.subject, Duration.toMillis(first.delay)]).toEqual(["cancel", 5_000])
    const running = read(first, "running", 5_000)
    expect(running.next._tag === "Read" && running.next.stage.subject).toBe("cancel")
    const done = read(running.next, "completed", 7_000)
    expect(done.next._tag === "Read" && [done.next.stage.subject, Duration.toMillis(done.next.delay)]).toEqual(["operation", 0])
    const canceled = read(done.next, "canceled", 7_100)
    expect(canceled.next._tag).toBe("Ended")
    if (canceled.next._tag === "Ended") {
      expect(canceled.next.failed).toBeUndefined()
      expect(canceled.next.seen.cancel?.operation.status).toBe("completed")
      expect(canceled.next.seen.operation?.operation.status).toBe("canceled")
    }
  })

  it("ends on a failed cancel operation without reading the cancelled one", () => {
    const failed = read(startFollowing(plan, 0, Option.none()), "failed", 1_000)
    expect(failed.next._tag === "Ended" && failed.next.failed?.subject).toBe("cancel")
  })

  it("never sleeps past the deadline, and says when it passed", () => {
    const first = startFollowing(plan, 59_000, Option.some(Duration.minutes(5)))
    expect(first._tag === "Read" && Duration.toMillis(first.delay)).toBe(1_000)
    expect(read(first, "running", 60_000).next._tag).toBe("DeadlinePassed")
  })

  it.effect("gives each read a token that resumes the same follow, and says it follows a cancel", () =>
    Effect.gen(function*() {
      const { progress } = read(startFollowing(plan, 0, Option.none()), "running", 1_000)
      expect(yield* decodeResumeToken(progress.resumeToken)).toEqual({
        v: 2,
        location: "https://x/cancel-1",
        deadline: 60_000,
        offer: "p/o",
        canceled: "https://x/op-1",
        cancel: true
      })
    }))
})
