/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at start with
 * Node's crypto alone. `@azure/identity` insists on an https authority, and a
 * fresh machine has neither openssl nor a network, so the X.509 structure is
 * encoded here in DER by hand (RFC 5280) and signed with an ECDSA P-256 key.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto"

export interface Certificate {
  readonly certificatePem: string
  readonly privateKeyPem: string
}

// --- DER encoding: tag, length, value -----------------------------------------

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n])
  const bytes: Array<number> = []
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

const tlv = (tag: number, ...values: ReadonlyArray<Buffer>): Buffer => {
  const value = Buffer.concat(values)
  return Buffer.concat([Buffer.from([tag]), length(value.length), value])
}

const sequence = (...values: ReadonlyArray<Buffer>) => tlv(0x30, ...values)
const set = (...values: ReadonlyArray<Buffer>) => tlv(0x31, ...values)
const octetString = (value: Buffer) => tlv(0x04, value)
const utf8String = (value: string) => tlv(0x0c, Buffer.from(value, "utf8"))
const booleanTrue = Buffer.from([0x01, 0x01, 0xff])
/** Context-specific constructed tag [n], for explicit tagging. */
const explicit = (n: number, ...values: ReadonlyArray<Buffer>) => tlv(0xa0 + n, ...values)

/** A non-negative INTEGER in DER's one encoding: no redundant leading zero (OpenSSL refuses one). */
const integer = (value: Buffer): Buffer => {
  let start = 0
  while (start < value.length - 1 && value[start] === 0 && ((value[start + 1] ?? 0) & 0x80) === 0) start++
  const minimal = value.subarray(start)
  // A leading 1 bit would make it negative.
  return tlv(0x02, (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal)
}

const oid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number)
  const bytes: Array<number> = [first * 40 + second]
  for (const arc of rest) {
    const chunk: Array<number> = [arc & 0x7f]
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** UTCTime, YYMMDDHHMMSSZ, valid for dates before 2050. */
const utcTime = (date: Date): Buffer =>
  tlv(0x17, Buffer.from(date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z", "ascii"))

// --- The certificate ---------------------------------------------------------

const ecdsaWithSha256 = sequence(oid("1.2.840.10045.4.3.2"))

const name = (commonName: string) => sequence(set(sequence(oid("2.5.4.3"), utf8String(commonName))))

const extension = (id: string, critical: boolean, value: Buffer) =>
  sequence(oid(id), ...(critical ? [booleanTrue] : []), octetString(value))

const subjectAltName = sequence(
  tlv(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
  tlv(0x82, Buffer.from("localhost", "ascii")) // dNSName
)

/**
 * Generates a key pair and a certificate valid from a day ago for 30 days (wall clock: TLS checks
 * real time), with a random serial number unless one is given.
 */
export const makeSelfSignedCertificate = (now: Date = new Date(), serial: Buffer = randomBytes(16)): Certificate => {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  const day = 24 * 60 * 60 * 1000
  const issuer = name("offerops CPP emulator")
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ecdsaWithSha256,
    issuer,
    sequence(utcTime(new Date(now.getTime() - day)), utcTime(new Date(now.getTime() + 30 * day))),
    issuer,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      sequence(
        // Its own trust anchor: clients trust exactly this certificate.
        extension("2.5.29.19", true, sequence(booleanTrue)),
        extension("2.5.29.15", true, tlv(0x03, Buffer.from([0x02, 0x84]))), // digitalSignature, keyCertSign
        extension("2.5.29.17", false, subjectAltName)
      )
    )
  )
  const signature = sign("sha256", tbs, privateKey)
  const der = sequence(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])))
  const base64 = der.toString("base64").match(/.{1,64}/g)?.join("\n") ?? ""
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString()
  }
}
