import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { userIdForToken } from "@/lib/tokens/user-id-for-token";
import { isServiceToken, SERVICE_ACTOR } from "./service-identity";
import { MeshworkError } from "@/lib/errors";
import type { Actor } from "./actor";
import { authOptions } from "./auth-options";
import { loadActor } from "./load-actor";

/** The caller of an API request: a Bearer API token, else the browser session; null when neither. */
export async function authenticateRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new MeshworkError("unauthenticated", "The Authorization header must be `Bearer <token>`.");
    if (isServiceToken(match[1])) {
      // The service identity reads (it sees every product); it owns nothing, so it changes nothing.
      if (request.method !== "GET" && request.method !== "HEAD") throw new MeshworkError("forbidden", "The service identity can only read.");
      return SERVICE_ACTOR;
    }
    const userId = await userIdForToken(match[1]);
    if (!userId) throw new MeshworkError("unauthenticated", "The API token is unknown, revoked or expired.");
    return loadActor(userId);
  }
  // Neither a token nor a cookie: nobody, without asking Next's request scope (absent when called outside Next).
  if (!request.headers.has("cookie")) return null;
  return sessionActor();
}

/** The signed-in user of the current request (pages, server actions, route handlers). */
export async function sessionActor(): Promise<Actor | null> {
  // Reading the cookies first makes a page dynamic before next-auth reads the secret, which `next build` does not have.
  await cookies();
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  // Only while its server-side session lives: a signed-out (or forged, sid-less) cookie gets nobody.
  const sessionId = (session as { sid?: unknown } | null)?.sid;
  return userId ? loadActor(userId, { sessionId: typeof sessionId === "string" ? sessionId : undefined }) : null;
}
