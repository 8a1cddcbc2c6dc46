import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { CppEmulator } from "../src/index.ts"

layer(CppEmulator.layerWith({ demo: true }))("CppEmulator.layer", (it) => {
  describe("as an Effect service", () => {
    it.effect("serves the demo world for the life of the layer", () =>
      Effect.gen(function*() {
        const emulator = yield* CppEmulator
        const response = yield* Effect.promise(() =>
          fetch(`${emulator.url}/api/publishers/contoso/offers/contoso-vm/submissions?api-version=2017-10-31&status=running`, {
            headers: { authorization: `Bearer ${emulator.issueToken()}` }
          }).then((r) => r.json())
        )
        assert.strictEqual(response.length, 1)
        assert.strictEqual(response[0].submissionState, "running")
      }))

    it.effect("shows the demo publish in certification", () =>
      Effect.gen(function*() {
        const emulator = yield* CppEmulator
        const [submission] = yield* Effect.promise(() =>
          fetch(`${emulator.url}/api/publishers/contoso/offers/contoso-vm/submissions?api-version=2017-10-31`, {
            headers: { authorization: `Bearer ${emulator.issueToken()}` }
          }).then((r) => r.json())
        )
        const snapshot = emulator.operation(submission.id)
        assert.strictEqual(snapshot?.steps.find((step) => step.status === "running")?.id, "displaycertify")
      }))
  })
})
