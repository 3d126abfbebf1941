import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createUser, unique } from "@/lib/testing/fixtures";
import { listSubjectVersions } from "./read-registry";
import { registerSchema } from "./register-schema";

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

const PARALLEL = 20;
const schemaOf = (name: string, fields: { name: string; type: unknown; default?: unknown }[]) => ({ schema: JSON.stringify({ type: "record", name, namespace: "test.race", fields }) });

async function inParallel<T>(run: () => Promise<T>) {
  return Promise.allSettled(Array.from({ length: PARALLEL }, run));
}

describe("registering one schema many times at once", () => {
  it("gives all 20 callers the same id and creates one version", async () => {
    const subject = `${unique("race")}-value`;
    const body = schemaOf("Race", [{ name: "id", type: "string" }]);

    const results = await inParallel(() => registerSchema(admin, subject, body));

    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const ids = new Set(results.map((r) => (r as PromiseFulfilledResult<{ id: number }>).value.id));
    expect(ids.size).toBe(1);
    expect(await listSubjectVersions(subject)).toEqual([1]);
    expect(await db.auditEvent.count({ where: { entityType: "registry_subject", entityId: subject, action: "registry.register" } })).toBe(1);
  });

  it("adds one version when 20 callers register the same new schema on a subject that has one", async () => {
    const subject = `${unique("race")}-value`;
    await registerSchema(admin, subject, schemaOf("Race", [{ name: "id", type: "string" }]));
    const next = schemaOf("Race", [{ name: "id", type: "string" }, { name: "note", type: ["null", "string"], default: null }]);

    const results = await inParallel(() => registerSchema(admin, subject, next));

    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(new Set(results.map((r) => (r as PromiseFulfilledResult<{ id: number }>).value.id)).size).toBe(1);
    expect(await listSubjectVersions(subject)).toEqual([1, 2]);
  });

  it("gives one id when 20 subjects register the same new schema at once", async () => {
    const subjects = Array.from({ length: PARALLEL }, () => `${unique("race")}-value`);
    const body = schemaOf(unique("Shared").replace(/[^A-Za-z0-9_]/g, "_"), [{ name: "id", type: "string" }]);

    const results = await Promise.allSettled(subjects.map((subject) => registerSchema(admin, subject, body)));

    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(new Set(results.map((r) => (r as PromiseFulfilledResult<{ id: number }>).value.id)).size).toBe(1);
  });
});
