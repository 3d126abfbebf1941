import { db } from "@/lib/db";

/** However active, a browser session ends this long after its sign-in; older rows are pruned. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Records a new browser session for the user and returns its id, which the session cookie carries. */
export async function startSession(userId: string): Promise<string> {
  await db.authSession.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - SESSION_LIFETIME_MS) } } });
  const session = await db.authSession.create({ data: { userId }, select: { id: true } });
  return session.id;
}
