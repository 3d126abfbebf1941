import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { isServiceToken, SERVICE_ACTOR } from "@/lib/auth/service-identity";
import { userIdForToken } from "@/lib/tokens/user-id-for-token";
import { parseVersion } from "./read-registry";
import { unauthorized } from "./registry-error";
import { requireVisibleSchema, requireVisibleSubject } from "./registry-visibility";

// Serializers call the registry on every cache miss; remembering a verified token (and its user's role and teams, which
// decide what it may see) for a few seconds keeps reads off the database. A revoked token therefore stops working for
// reads within TOKEN_CACHE_MS, and a membership change reaches them within it too.
const TOKEN_CACHE_MS = 5_000;
const verified = new Map<string, { actor: Actor; until: number }>();

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

async function verifiedReader(request: Request): Promise<Actor> {
  const token = tokenFrom(request);
  if (isServiceToken(token)) return SERVICE_ACTOR;
  const hit = verified.get(token);
  if (hit && hit.until > Date.now()) return hit.actor;
  const userId = await userIdForToken(token);
  const actor = userId ? await loadActor(userId) : null;
  if (!actor) {
    verified.delete(token);
    throw unauthorized("Unauthorized: the API token is unknown, revoked or expired");
  }
  if (verified.size > 5_000) verified.clear();
  verified.set(token, { actor, until: Date.now() + TOKEN_CACHE_MS });
  return actor;
}

/**
 * Reads need a valid token (or the service token) and, for a subject or schema id, that the caller may see it:
 * what the catalog hides from the caller does not exist for them (40401 / 40403).
 */
export async function requireRegistryReader(request: Request, target: { subject?: string; schemaId?: number; version?: string } = {}): Promise<Actor> {
  const reader = await verifiedReader(request);
  // A malformed version is refused as such (42202) whether or not the subject is visible: it reveals nothing.
  if (target.version !== undefined) parseVersion(target.version);
  if (target.subject !== undefined) await requireVisibleSubject(reader, target.subject);
  if (target.schemaId !== undefined) await requireVisibleSchema(reader, target.schemaId);
  return reader;
}

/** Writes need the full caller, to check ownership of the subject's port (the service identity owns none). */
export async function requireRegistryWriter(request: Request): Promise<Actor> {
  const token = tokenFrom(request);
  if (isServiceToken(token)) return SERVICE_ACTOR;
  const userId = await userIdForToken(token);
  const actor = userId ? await loadActor(userId) : null;
  if (!actor) throw unauthorized("Unauthorized: the API token is unknown, revoked or expired");
  return actor;
}
