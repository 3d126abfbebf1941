import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "./actor";
import { SESSION_LIFETIME_MS } from "./start-session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isSessionId = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** Whether the browser session a cookie names still lives (not signed out, not past its lifetime). */
export async function isSessionLive(sessionId: unknown): Promise<boolean> {
  if (!isSessionId(sessionId)) return false;
  return (await db.authSession.count({ where: { id: sessionId, createdAt: { gte: new Date(Date.now() - SESSION_LIFETIME_MS) } } })) > 0;
}

/** Signing out: the session's cookie stops working at once, wherever it was copied to. */
export async function endSession(sessionId: string | undefined): Promise<void> {
  if (isSessionId(sessionId)) await db.authSession.deleteMany({ where: { id: sessionId } });
}

/** "Sign out everywhere": ends every browser session of the actor (API tokens stay); returns how many there were. */
export async function endEverySession(actor: Actor): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.authSession.deleteMany({ where: { userId: actor.id } });
    await recordAuditEvent(tx, actor, { action: "user.sign_out_everywhere", entityType: "user", entityId: actor.id, summary: `${actor.email} signed out everywhere (${count} session(s) ended)` });
    return count;
  });
}
