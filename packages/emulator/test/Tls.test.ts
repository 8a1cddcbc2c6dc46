import { X509Certificate } from "node:crypto"
import * as tls from "node:tls"
import { ClientSecretCredential } from "@azure/identity"
import * as https from "node:https"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoPrincipal, type Emulator, startEmulator } from "../src/index.ts"
import { makeSelfSignedCertificate } from "../src/Tls.ts"
import { versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ https: true, demo: true })
})
afterAll(() => emulator.close())

describe("self-signed certificate", () => {
  it("covers 127.0.0.1 and localhost and is valid now", () => {
    const certificate = new X509Certificate(makeSelfSignedCertificate().certificatePem)
    expect(certificate.subjectAltName).toBe("IP Address:127.0.0.1, DNS:localhost")
    expect(certificate.verify(certificate.publicKey)).toBe(true)
    expect(Date.parse(certificate.validFrom)).toBeLessThan(Date.now())
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(Date.now())
  })

  // One random serial in 256 starts with a zero byte: written as it came, that is DER that OpenSSL
  // refuses, and the emulator's https start failed every TLS handshake.
  it("stays readable whatever the random serial number's first bytes", () => {
    for (const serial of [[0x00, 0x10, 0x20], [0x00, 0x00, 0x7f], [0x80, 0x01], [0x00, 0x80, 0x01], [0x00]]) {
      const certificate = new X509Certificate(makeSelfSignedCertificate(new Date(), Buffer.from(serial)).certificatePem)
      expect(BigInt(`0x${certificate.serialNumber}`)).toBe(BigInt(`0x${Buffer.from(serial).toString("hex")}`))
    }
  })
})

describe("https", () => {
  it("serves https with the certificate it reports", () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.certificatePem).toContain("BEGIN CERTIFICATE")
  })

  it("is refused by a client that does not trust the certificate", async () => {
    await expect(fetch(`${emulator.url}/_emulator/clock`)).rejects.toThrow()
  })

  it("answers a client that trusts the certificate through its `ca` option", async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      https
        .get(`${emulator.url}${versioned("/api/publishers/contoso/offers")}`, {
          ca: emulator.certificatePem!,
          headers: { authorization: `Bearer ${emulator.issueToken()}` }
        }, (response) => {
          response.resume()
          resolve(response.statusCode)
        })
        .on("error", reject)
    })
    expect(status).toBe(200)
  })

  it("issues a token to @azure/identity's ClientSecretCredential with the emulator as authority", async () => {
    // Process-wide trust, as the core's Entra test does; each vitest file runs in its own worker.
    tls.setDefaultCACertificates([...tls.getCACertificates("default"), emulator.certificatePem!])
    const credential = new ClientSecretCredential(demoPrincipal.tenantId, demoPrincipal.clientId, demoPrincipal.clientSecret, {
      authorityHost: emulator.url,
      disableInstanceDiscovery: true
    })
    const token = await credential.getToken("https://cloudpartner.azure.com/.default")
    expect(token.token.split(".")).toHaveLength(3)
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now())
    const reply = await fetch(`${emulator.url}${versioned("/api/publishers/contoso/offers")}`, {
      headers: { authorization: `Bearer ${token.token}` }
    })
    expect(reply.status).toBe(200)
    const wrong = new ClientSecretCredential(demoPrincipal.tenantId, demoPrincipal.clientId, "wrong", {
      authorityHost: emulator.url,
      disableInstanceDiscovery: true
    })
    await expect(wrong.getToken("https://cloudpartner.azure.com/.default")).rejects.toThrow(/AADSTS7000215/)
  })
})
