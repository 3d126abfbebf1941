import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { userIdForToken } from "@/lib/tokens/user-id-for-token";
import { unauthorized } from "./registry-error";

// Serializers call the registry on every cache miss; remembering a verified token for a few seconds keeps
// reads off the database. A revoked token therefore stops working for reads within TOKEN_CACHE_MS.
const TOKEN_CACHE_MS = 5_000;
const verified = new Map<string, { userId: string; until: number }>();

function tokenFrom(request: Request): string {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Unauthorized: send HTTP Basic credentials (any user name, an API token as password)");
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : decoded;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  throw unauthorized("Unauthorized: unsupported Authorization scheme");
}

async function verifiedUserId(request: Request): Promise<string> {
  const token = tokenFrom(request);
  const hit = verified.get(token);
  if (hit && hit.until > Date.now()) return hit.userId;
  const userId = await userIdForToken(token);
  if (!userId) {
    verified.delete(token);
    throw unauthorized("Unauthorized: the API token is unknown, revoked or expired");
  }
  if (verified.size > 5_000) verified.clear();
  verified.set(token, { userId, until: Date.now() + TOKEN_CACHE_MS });
  return userId;
}

/** Reads need any valid token. */
export async function requireRegistryReader(request: Request): Promise<void> {
  await verifiedUserId(request);
}

/** Writes need the full caller, to check ownership of the subject's port. */
export async function requireRegistryWriter(request: Request): Promise<Actor> {
  const token = tokenFrom(request);
  const userId = await userIdForToken(token);
  const actor = userId ? await loadActor(userId) : null;
  if (!actor) throw unauthorized("Unauthorized: the API token is unknown, revoked or expired");
  return actor;
}
