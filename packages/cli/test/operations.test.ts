/**
 * `offerops operations`: the list, one operation with its steps, and how each API failure reads and
 * exits. In process (offeropsHere), but for a smoke test and the pipe test over the built bundle.
 */
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { binPath, jsonOf, offerops, offeropsHere, useEmulator } from "./support.ts"

let publishId = ""
const cpp = useEmulator((emulator) => {
  emulator.addOffer("acme", "vm")
  emulator.addOffer("acme", "idle")
  publishId = emulator.startOperation("acme", "vm").id
})

describe("offerops operations <p/o>", () => {
  it("lists the offer's operations as a table (the built bundle)", async () => {
    const run = await offerops(cpp.env, ["operations", "acme/vm"])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^ID\s+TYPE\s+STATUS/)
    expect(run.stdout).toContain(publishId)
    expect(run.stdout).toMatch(/publish\s+running/)
    expect(run.stderr).toBe("")
  })

  it("lists them as one JSON document with normalised states", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "--output", "json"])
    expect(run.code).toBe(0)
    const doc = jsonOf(run)
    expect(doc).toMatchObject({ publisherId: "acme", offerId: "vm" })
    expect(doc.operations).toEqual([expect.objectContaining({ id: publishId, state: "running", submissionType: "publish" })])
  })

  it("filters by --status", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "--status", "completed", "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run).operations).toEqual([])
    const text = await offeropsHere(cpp.env, ["operations", "acme/vm", "--status", "completed"])
    expect(text.stdout).toContain("no operations on acme/vm with status completed")
  })

  it("stops quietly when the reader of its output goes away (| head)", async () => {
    // `true` exits without reading, so every write finds the pipe closed.
    const pipeline = `"${process.execPath}" "${binPath}" operations acme/vm | true; echo "exit=\${PIPESTATUS[0]}"`
    const run = await promisify(execFile)("bash", ["-c", pipeline], { env: { ...process.env, ...cpp.env }, timeout: 60_000 })
    expect(run.stdout.trim()).toBe("exit=0")
    expect(run.stderr).not.toContain("EPIPE")
  })

  it("says so when the offer has no operations", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/idle"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("no operations on acme/idle")
  })
})

describe("offerops operations <p/o> <operationId>", () => {
  it("shows the operation and each of its steps", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", publishId])
    expect(run.code).toBe(0)
    const [headline, ...steps] = run.stdout.trimEnd().split("\n")
    expect(headline).toMatch(new RegExp(`^publish ${publishId} running · step 1/6 Validate Pre-Requisites`))
    expect(steps.map((line) => line.trim().slice(2))).toEqual([
      expect.stringMatching(/^Validate Pre-Requisites running/),
      expect.stringMatching(/^Certification notStarted/),
      expect.stringMatching(/^Provisioning notStarted/),
      expect.stringMatching(/^Packaging and Lead Generation Registration notStarted/),
      expect.stringMatching(/^Publisher signoff notStarted/),
      expect.stringMatching(/^Live notStarted/)
    ])
  })

  it("gives the operation as JSON with its steps", async () => {
    const run = await offeropsHere(cpp.env, ["--output", "json", "operations", "acme/vm", publishId])
    expect(run.code).toBe(0)
    const { operation } = jsonOf(run)
    expect(operation).toMatchObject({ id: publishId, status: "running", state: "running" })
    expect(operation.steps).toHaveLength(6)
    expect(operation.steps[0]).toMatchObject({ id: "displaydummycertify", state: "inProgress" })
  })

  it("exits 6 with NotFound for an unknown operation", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "00000000-0000-0000-0000-000000000000", "--output", "json"])
    expect(run.code).toBe(6)
    expect(jsonOf(run).error).toMatchObject({ _tag: "NotFound", status: 404 })
  })
})

describe("failures of operations", () => {
  it("exits 2 on an invalid offer reference, before any request", async () => {
    cpp.emulator.clearRequests()
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm/extra"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("expected <publisherId>/<offerId>")
    expect(run.stdout).toBe("")
    expect(cpp.emulator.requests()).toEqual([])
  })

  it("exits 6 with advice when the offer does not exist", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/nope"])
    expect(run.code).toBe(6)
    expect(run.stderr).toMatch(/^error: No such publisher, offer or operation\.\n {2}404 \S+ from GET \/api\/publishers\/acme\/offers\/nope\/submissions/)
    expect(run.stderr).toContain("Check the publisherId, offerId")
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it("exits 3 on BadRequest (an api-version the service refuses)", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "--api-version", "1999-01-01", "--output", "json"])
    expect(run.code).toBe(3)
    expect(jsonOf(run).error).toMatchObject({ _tag: "BadRequest", status: 400, code: "InvalidAPIVersion" })
  })

  it("exits 4 on Unauthorized, saying where a token comes from (for an emulator on this machine: its env)", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm"], { env: { CPP_TOKEN: "not-a-valid-token" } })
    expect(run.code).toBe(4)
    expect(run.stderr).toContain("run `eval \"$(pnpm -s emulator env)\"` again")
    const json = await offeropsHere(cpp.env, ["operations", "acme/vm", "--output", "json"], { env: { CPP_TOKEN: "not-a-valid-token" } })
    expect(jsonOf(json).error).toMatchObject({ _tag: "Unauthorized", status: 401 })
  })

  it("exits 5 on Forbidden, saying the service principal lacks access to the publisher", async () => {
    const token = cpp.emulator.issueToken({ publishers: ["someone-else"] })
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm"], { env: { CPP_TOKEN: token } })
    expect(run.code).toBe(5)
    expect(run.stderr).toContain("The service principal lacks access to this publisher")
    const json = await offeropsHere(cpp.env, ["operations", "acme/vm", "--output", "json"], { env: { CPP_TOKEN: token } })
    expect(jsonOf(json).error).toMatchObject({ _tag: "Forbidden", status: 403 })
  })

  it("exits 10 on InvalidResponse when the body cannot be read", async () => {
    cpp.emulator.addFault({ route: "/api/publishers/acme/offers/vm/submissions", kind: "malformed", times: 1 })
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "--output", "json"])
    expect(run.code).toBe(10)
    expect(jsonOf(run).error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
  })
})
