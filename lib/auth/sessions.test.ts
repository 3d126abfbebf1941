import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/testing/fixtures";
import { endEverySession, endSession } from "./end-session";
import { loadActor } from "./load-actor";
import { startSession } from "./start-session";

describe("browser sessions are recorded server-side", () => {
  it("a session works until it is ended, and ending it leaves the user's other sessions alone", async () => {
    const user = await createUser();
    const laptop = await startSession(user.id);
    const phone = await startSession(user.id);
    expect(laptop).not.toBe(phone);
    expect((await loadActor(user.id, { sessionId: laptop }))?.id).toBe(user.id);

    await endSession(laptop);
    expect(await loadActor(user.id, { sessionId: laptop })).toBeNull();
    expect((await loadActor(user.id, { sessionId: phone }))?.id).toBe(user.id);
  });

  it("signing out everywhere ends every session of that user only", async () => {
    const user = await createUser();
    const other = await createUser();
    const sessions = [await startSession(user.id), await startSession(user.id)];
    const othersSession = await startSession(other.id);
    expect(await endEverySession(user)).toBe(2);
    for (const sessionId of sessions) expect(await loadActor(user.id, { sessionId })).toBeNull();
    expect((await loadActor(other.id, { sessionId: othersSession }))?.id).toBe(other.id);
  });

  it("a session id that is unknown, malformed, missing or another user's is refused", async () => {
    const user = await createUser();
    const other = await createUser();
    const othersSession = await startSession(other.id);
    expect(await loadActor(user.id, { sessionId: randomUUID() })).toBeNull();
    expect(await loadActor(user.id, { sessionId: "not-a-uuid" })).toBeNull();
    expect(await loadActor(user.id, { sessionId: undefined })).toBeNull();
    expect(await loadActor(user.id, { sessionId: othersSession })).toBeNull();
  });
});
