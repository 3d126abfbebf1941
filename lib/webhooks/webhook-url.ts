import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { safeHref } from "@/lib/safe-url";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** True for loopback, private, link-local, CGNAT, multicast, unspecified and other non-public addresses. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return isInternalAddress(mapped[1]);
  // The URL parser writes an IPv4-mapped address in hex (::ffff:a00:1 for 10.0.0.1).
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (mappedHex) {
    const [hi, lo] = [parseInt(mappedHex[1], 16), parseInt(mappedHex[2], 16)];
    return isInternalAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (isIP(bare) === 4) {
    const [a, b] = bare.split(".").map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224
    );
  }
  if (isIP(bare) === 6) {
    return bare === "::" || bare === "::1" || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || /^ff/.test(bare) || bare.startsWith("64:ff9b:") || bare.startsWith("100::");
  }
  return false;
}

/**
 * Why a webhook URL is refused, or null when it is acceptable: https to a public host; in demo mode also http to
 * localhost (tests and the demo receive on this machine). Outside demo, internal addresses are refused (SSRF).
 */
export function webhookUrlProblem(url: string, { demo }: { demo: boolean }): string | null {
  if (url.length > 2000) return "must be at most 2000 characters";
  if (!safeHref(url)) return "must be an absolute https:// URL";
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return "must not carry a user name or password";
  const host = parsed.hostname.toLowerCase();
  const local = LOCAL_HOSTS.has(host);
  if (parsed.protocol === "http:") return demo && local ? null : demo ? "must be https:// (http:// only to localhost in demo mode)" : "must be https://";
  if (parsed.protocol !== "https:") return "must be an absolute https:// URL";
  if (demo && local) return null;
  if (local || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local") || isInternalAddress(host)) return "must not point to a local or internal address";
  return null;
}

/** At delivery time: a public host name must not resolve to an internal address (outside demo mode). */
export async function resolvedAddressProblem(url: string, { demo }: { demo: boolean }): Promise<string | null> {
  const problem = webhookUrlProblem(url, { demo });
  if (problem) return `the webhook URL ${problem}`;
  const host = new URL(url).hostname;
  if (demo && LOCAL_HOSTS.has(host.toLowerCase())) return null;
  if (isIP(host.replace(/^\[|\]$/g, ""))) return null;
  const addresses = await lookup(host, { all: true });
  const internal = addresses.find((a) => isInternalAddress(a.address));
  return internal && !demo ? `${host} resolves to the internal address ${internal.address}` : null;
}
