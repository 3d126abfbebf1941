import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { listMigrations, migrateDatabase } from "@/lib/db/migrate";
import { prepareTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

// Tampering breaks the chain for every later check, and other files share the run's database: a database of our own.
let database: TestDatabase;
let db: Db;
let sql: pg.Pool;
let recordAuditEvent: typeof import("./record-audit-event").recordAuditEvent;
let sealAuditEvents: typeof import("./seal-audit-events").sealAuditEvents;
let checkAuditChain: typeof import("./verify-audit-chain").checkAuditChain;
let verifyAuditChain: typeof import("./verify-audit-chain").verifyAuditChain;
let fixtures: typeof import("@/lib/testing/fixtures");
let callRoute: typeof import("@/lib/testing/call-route").callRoute;
let createApiToken: typeof import("@/lib/tokens/create-api-token").createApiToken;
let steward: Actor;

beforeAll(async () => {
  database = await prepareTestDatabase("auditchain");
  process.env.DATABASE_URL = database.url;
  delete (globalThis as { meshworkDb?: Db }).meshworkDb;
  ({ db } = await import("@/lib/db"));
  ({ recordAuditEvent } = await import("./record-audit-event"));
  ({ sealAuditEvents } = await import("./seal-audit-events"));
  ({ checkAuditChain, verifyAuditChain } = await import("./verify-audit-chain"));
  fixtures = await import("@/lib/testing/fixtures");
  ({ callRoute } = await import("@/lib/testing/call-route"));
  ({ createApiToken } = await import("@/lib/tokens/create-api-token"));
  sql = new pg.Pool({ connectionString: database.url, max: 4 });
  steward = await fixtures.createUser({ role: "steward" });
});

afterAll(async () => {
  await sql?.end();
  await db?.$disconnect();
  await database?.drop();
});

let counter = 0;
/** Writes `n` audit events, one transaction each, with awkward content (unicode, nested JSON, numbers). */
async function writeEvents(n: number, actor: Actor | null = steward): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const entityId = `chain-${++counter}`;
    await db.$transaction((tx) =>
      recordAuditEvent(tx, actor, { action: "test.write", entityType: "test", entityId, summary: `Ünïcödé “quotes” 🙂 ${counter}`, before: { n: counter, nested: { list: [1, 2.5, "x", null] } }, after: { n: counter + 1, flag: true } }),
    );
    ids.push((await db.auditEvent.findFirstOrThrow({ where: { entityId }, select: { id: true } })).id);
  }
  return ids;
}

describe("the tamper-evident audit log", () => {
  it("counts committed events as unsealed until the sealer chains them, then verifies every sealed one", async () => {
    await sealAuditEvents();
    const start = await checkAuditChain();
    expect(start).toMatchObject({ ok: true, unsealed: 0 });

    await writeEvents(5);
    const before = await checkAuditChain();
    expect(before).toMatchObject({ ok: true, unsealed: 5, sealed: start.sealed, checked: start.sealed });

    const sealed = await sealAuditEvents();
    expect(sealed).toMatchObject({ sealed: 5, busy: false });
    const after = await checkAuditChain();
    expect(after).toMatchObject({ ok: true, unsealed: 0, sealed: start.sealed + 5, checked: start.sealed + 5, firstBroken: null });
    expect(after.head).toEqual({ seq: String(start.sealed + 5), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Each event carries the hash of the one sealed before it.
    const chain = await db.auditEvent.findMany({ where: { seq: { not: null } }, orderBy: { seq: "asc" }, select: { seq: true, prevHash: true, hash: true } });
    expect(chain.map((e) => Number(e.seq))).toEqual(chain.map((_, i) => i + 1));
    chain.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? "0".repeat(64) : chain[i - 1].hash));
  });

  it("fails at exactly the event altered by an UPDATE in SQL, and verifies again once it is put back", async () => {
    const ids = await writeEvents(6);
    await sealAuditEvents();
    const victim = ids[3];
    const { rows } = await sql.query("SELECT summary, after, actor_label, at FROM audit_event WHERE id = $1", [victim]);

    for (const change of ["summary = summary || '!'", `after = jsonb_set(after, '{flag}', 'false')`, "actor_label = 'someone else'", "at = at + interval '1 millisecond'"]) {
      await sql.query(`UPDATE audit_event SET ${change} WHERE id = $1`, [victim]);
      const broken = await checkAuditChain();
      expect(broken.ok, change).toBe(false);
      expect(broken.firstBroken, change).toMatchObject({ eventId: victim.toString(), reason: "altered" });
      await sql.query("UPDATE audit_event SET summary = $2, after = $3, actor_label = $4, at = $5 WHERE id = $1", [victim, rows[0].summary, rows[0].after, rows[0].actor_label, rows[0].at]);
      expect(await checkAuditChain(), change).toMatchObject({ ok: true, firstBroken: null });
    }

    // Rewriting the altered event's own hash too moves the break to the next link, still pointing there.
    const original = await db.auditEvent.findUniqueOrThrow({ where: { id: victim }, select: { hash: true, seq: true } });
    await sql.query("UPDATE audit_event SET summary = 'rewritten', hash = repeat('a', 64) WHERE id = $1", [victim]);
    const relinked = await checkAuditChain();
    expect(relinked.firstBroken).toMatchObject({ eventId: victim.toString(), reason: "altered" });
    await sql.query("UPDATE audit_event SET summary = $2, hash = $3 WHERE id = $1", [victim, rows[0].summary, original.hash]);
    expect((await checkAuditChain()).ok).toBe(true);
  });

  it("detects a deleted event, and deleted newest events through the chain's head", async () => {
    const ids = await writeEvents(4);
    await sealAuditEvents();
    const { rows } = await sql.query("SELECT * FROM audit_event WHERE id = ANY($1) ORDER BY id", [ids.map(String)]);
    const deleted = rows[1];
    await sql.query("DELETE FROM audit_event WHERE id = $1", [deleted.id]);
    const gap = await checkAuditChain();
    expect(gap).toMatchObject({ ok: false, firstBroken: { seq: String(deleted.seq), eventId: String(rows[2].id), reason: "missing" } });
    expect(gap.firstBroken!.message).toContain(`#${deleted.seq} is missing`);

    const restore = (row: Record<string, unknown>) =>
      sql.query("INSERT INTO audit_event (id, at, actor_id, actor_label, action, entity_type, entity_id, summary, before, after, seq, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)", [
        row.id, row.at, row.actor_id, row.actor_label, row.action, row.entity_type, row.entity_id, row.summary, row.before, row.after, row.seq, row.prev_hash, row.hash,
      ]);
    await restore(deleted);
    expect((await checkAuditChain()).ok).toBe(true);

    const newest = rows[3];
    await sql.query("DELETE FROM audit_event WHERE id = $1", [newest.id]);
    expect(await checkAuditChain()).toMatchObject({ ok: false, firstBroken: { seq: String(newest.seq), eventId: null, reason: "missing" } });
    await restore(newest);
    expect((await checkAuditChain()).ok).toBe(true);
  });

  it("chains an event that commits late with an earlier id after the ones that committed first", async () => {
    const late = await sql.connect();
    try {
      await late.query("BEGIN");
      const { rows } = await late.query<{ id: string }>("INSERT INTO audit_event (actor_label, action, entity_type, entity_id, summary) VALUES ('system', 'test.late', 'test', 'late', 'committed late') RETURNING id");
      const [early] = await writeEvents(1);
      expect(BigInt(rows[0].id)).toBeLessThan(early);
      expect(await sealAuditEvents()).toMatchObject({ sealed: 1 });
      await late.query("COMMIT");
      expect(await checkAuditChain()).toMatchObject({ ok: true, unsealed: 1 });
      expect(await sealAuditEvents()).toMatchObject({ sealed: 1 });
      const [lateSeq, earlySeq] = await Promise.all([rows[0].id, early].map(async (id) => (await db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(id) } })).seq!));
      expect(lateSeq).toBeGreaterThan(earlySeq);
      expect(await checkAuditChain()).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      late.release();
    }
  });

  it("seals every event of many concurrent writers into one valid chain, with two sealers racing meanwhile", async () => {
    const before = await checkAuditChain();
    let writing = true;
    const sealer = async () => {
      let busy = 0;
      while (writing) {
        if ((await sealAuditEvents({ batchSize: 7 })).busy) busy++;
      }
      return busy;
    };
    const sealers = [sealer(), sealer()];
    const started = performance.now();
    const writers = Array.from({ length: 40 }, (_, i) =>
      db.$transaction(async (tx) => {
        for (let j = 0; j < 3; j++) await recordAuditEvent(tx, null, { action: "test.concurrent", entityType: "test", entityId: `w${i}-${j}`, summary: `writer ${i} event ${j}` });
      }),
    );
    await Promise.all(writers);
    const writeMs = performance.now() - started;
    writing = false;
    await Promise.all(sealers);
    await sealAuditEvents();
    const after = await checkAuditChain();
    console.log(`40 concurrent writers × 3 events committed in ${writeMs.toFixed(0)} ms while two sealers ran; ${after.sealed} sealed, chain ok: ${after.ok}`);
    expect(after).toMatchObject({ ok: true, unsealed: 0, sealed: before.sealed + 120, checked: before.sealed + 120 });
    const seqs = (await db.auditEvent.findMany({ where: { action: "test.concurrent" }, select: { seq: true } })).map((e) => e.seq);
    expect(seqs.every((s) => s !== null)).toBe(true);
    expect(new Set(seqs).size).toBe(120);
  });

  it("is sealed by the audit-sealer worker shortly after commit, and the worker stops cleanly", async () => {
    const { auditSealerWorker } = await import("@/workers/audit-sealer");
    const lines: string[] = [];
    const worker = await auditSealerWorker.start({ databaseUrl: database.url, log: (line) => lines.push(line) });
    try {
      const [id] = await writeEvents(1);
      const committed = performance.now();
      for (;;) {
        if ((await db.auditEvent.findUniqueOrThrow({ where: { id } })).seq !== null) break;
        if (performance.now() - committed > 10_000) throw new Error("not sealed within 10 s");
        await new Promise((r) => setTimeout(r, 20));
      }
      console.log(`sealed by the worker ${(performance.now() - committed).toFixed(0)} ms after commit`);
      expect(lines.some((l) => /audit-sealer: sealed \d+ event/.test(l))).toBe(true);
    } finally {
      await worker.stop();
    }
    await worker.done;
    expect(await checkAuditChain()).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("is verified over HTTP for stewards and admins only", async () => {
    const admin = await fixtures.createUser({ role: "admin" });
    const { owner } = await fixtures.createOwnedTeam(admin);
    const analyst = await fixtures.createUser();
    for (const refused of [analyst, owner]) {
      await fixtures.expectMeshworkError(verifyAuditChain(refused), "forbidden");
      const response = await callRoute("api/v1/audit/verify", "GET", { token: (await createApiToken(refused, { name: "verify" })).token });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect((await callRoute("api/v1/audit/verify", "GET")).status).toBe(401);
    for (const reader of [steward, admin]) {
      const { token } = await createApiToken(reader, { name: "verify" });
      await sealAuditEvents();
      const response = await callRoute("api/v1/audit/verify", "GET", { token });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    }
  });
});

describe("the audit chain migration", () => {
  it("chains the events that existed before it, as the sealer and the verifier compute hashes", async () => {
    const url = new URL(database.url);
    const name = `${url.pathname.slice(1)}_premigration`;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    let old: Db | undefined;
    try {
      // The database as it was before the audit chain: every earlier migration, recorded as the runner records them.
      await client.query(`CREATE TABLE "_prisma_migrations" (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
      for (const m of (await listMigrations()).filter((m) => m.name < "20261202010200")) {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (gen_random_uuid(), $1, now(), $2, 1)`, [m.checksum, m.name]);
      }
      const user = await client.query<{ id: string }>(`INSERT INTO app_user (id, email, name, role) VALUES (gen_random_uuid(), 'old@meshwork.test', 'Old Timer', 'admin') RETURNING id`);
      await client.query(
        `INSERT INTO audit_event (at, actor_id, actor_label, action, entity_type, entity_id, summary, before, after) VALUES
         ('2026-11-21 10:00:00.123+00', $1, 'Old Timer <old@meshwork.test>', 'domain.create', 'domain', 'd1', 'Created domain Ørders — “quoted”', NULL, '{"slug":"orders","n":1.50,"deep":{"a":[1,{"b":null}]}}'),
         ('2026-11-21 11:30:00+01', NULL, 'system', 'grant.apply', 'access_grant', 'g1', 'Granted 🙂', '{"state":"pending"}', '{"state":"applied","changes":["granted SELECT"]}'),
         ('2026-11-22 00:00:00+00', $1, 'Old Timer <old@meshwork.test>', 'product.create', 'data_product', 'p1', E'line\\nbreak\\ttab', '[]', '"text"')`,
        [user.rows[0].id],
      );
      const result = await migrateDatabase(url.toString());
      expect(result.applied).toContain("20261202010200_audit_chain");

      old = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 2 }) }) as unknown as Db;
      expect(await checkAuditChain(old)).toMatchObject({ ok: true, sealed: 3, unsealed: 0, checked: 3, head: { seq: "3" } });
      // The sealer goes on where the migration stopped, with the same hashes.
      await client.query(`INSERT INTO audit_event (actor_label, action, entity_type, entity_id, summary) VALUES ('system', 'test.after', 'test', 'x', 'after the migration')`);
      expect(await checkAuditChain(old)).toMatchObject({ ok: true, sealed: 3, unsealed: 1 });
      expect(await sealAuditEvents({ client: old })).toMatchObject({ sealed: 1, lastSeq: 4n });
      expect(await checkAuditChain(old)).toMatchObject({ ok: true, sealed: 4, unsealed: 0 });
      await client.query("UPDATE audit_event SET summary = 'Created domain Orders' WHERE entity_id = 'd1'");
      expect((await checkAuditChain(old)).firstBroken).toMatchObject({ seq: "1", reason: "altered" });
    } finally {
      await old?.$disconnect();
      await client.end();
      const drop = new pg.Client({ connectionString: database.url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    }
  });
});
