import { timingSafeEqual } from "node:crypto";
import path from "node:path";
import type { Actor } from "./actor";
import { readOrCreateDemoSecret } from "./demo-secret-file";

/**
 * The service identity: workers, demo producers and serializers read the registry (and the catalog) through it, and
 * it sees every product whatever its status. It is no user: it cannot sign in, belongs to no team and is not an admin
 * or steward, so it changes nothing a person owns. Its token is MESHWORK_SERVICE_TOKEN; in demo mode without one, a
 * random token is generated once and kept in `.meshwork/service-token`, where the demo's own processes read it.
 */
export const SERVICE_ACTOR: Actor = Object.freeze({
  id: "00000000-0000-0000-0000-000000000000",
  email: "service@meshwork.internal",
  name: "Meshwork service",
  role: "user",
  memberships: [],
  service: true,
}) as Actor;

export const isServiceActor = (actor: Actor) => actor.service === true;

const MIN_LENGTH = 24;

let demoToken: string | undefined;

/** The service token, or null when none is configured (outside demo mode the service identity then does not exist). */
export function serviceToken(): string | null {
  const configured = process.env.MESHWORK_SERVICE_TOKEN;
  if (configured) {
    if (configured.length < MIN_LENGTH) throw new Error(`MESHWORK_SERVICE_TOKEN must be at least ${MIN_LENGTH} characters long.`);
    return configured;
  }
  if (process.env.MESHWORK_DEMO !== "on") return null;
  demoToken ??= readOrCreateDemoSecret(path.join(process.cwd(), ".meshwork", "service-token"), "mws_");
  return demoToken;
}

/** Whether a presented credential is the service token (constant-time comparison). */
export function isServiceToken(presented: string): boolean {
  const expected = serviceToken();
  if (!expected) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
