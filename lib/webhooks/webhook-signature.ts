import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Meshwork-Signature";
/** A signature older (or newer) than this is refused as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A fresh signing secret: 32 random bytes, base64url, prefixed so people recognise it. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

const hmac = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The header value for a body sent at `timestamp` (unix seconds): `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * What a receiver runs: the header must carry a timestamp within the tolerance of `nowSeconds` and a v1 signature
 * equal (compared in constant time) to the HMAC of `${t}.${body}` under the secret. Any v1 may match (secret rotation).
 */
export function verifyWebhookSignature({
  secret,
  header,
  body,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
}: {
  secret: string;
  header: string | null | undefined;
  body: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): VerifyResult {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = parts.find(([k]) => k === "t")?.[1];
  const signatures = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t)) return { ok: false, reason: "no timestamp (t=) in the signature header" };
  if (signatures.length === 0) return { ok: false, reason: "no v1 signature in the signature header" };
  const timestamp = Number(t);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: `timestamp ${timestamp} is more than ${toleranceSeconds} s from now (a replay?)` };
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  const matches = signatures.some((s) => {
    const given = Buffer.from(s, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "the signature does not match the body" };
}
