import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, now, resetClock, setClock } from "@/lib/clock";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";
import avro from "avsc";
import YAML from "yaml";
import { qualityChecksOf } from "./check-definitions";
import { runStreamQuality } from "./run-stream-quality";
import { isPerRecordCheck, StreamWindowCounter } from "./stream-window";

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});
afterEach(() => resetClock());
afterAll(() => {});

const contract = (topic: string): OdcsContract => ({
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: `urn:test:${topic}`,
  version: "1.0.0",
  status: "active",
  schema: [
    {
      name: "payments",
      physicalName: topic,
      properties: [
        { name: "payment_id", logicalType: "string", quality: [{ metric: "duplicateValues", mustBe: 0 }] },
        { name: "currency", logicalType: "string", quality: [{ metric: "invalidValues", arguments: { pattern: "^[A-Z]{3}$" }, unit: "percent", mustBeLessOrEqualTo: 10 }] },
        { name: "status", logicalType: "string", quality: [{ metric: "missingValues", arguments: { missingValues: ["", "n/a"] }, mustBe: 0 }, { metric: "invalidValues", arguments: { validValues: ["captured", "failed"] }, mustBe: 0, severity: "warning" }] },
      ],
      quality: [{ metric: "rowCount", mustBeGreaterThan: 0 }, { type: "sql", query: "select 1", mustBe: 1 }],
    },
  ],
  slaProperties: [{ property: "freshness", value: 5, unit: "m" }],
});

describe("the stream window", () => {
  it("counts per-record rules as records pass, with samples of the failing ones", () => {
    const checks = qualityChecksOf(contract("t"), "t", "stream").filter(isPerRecordCheck);
    expect(checks.map((c) => c.metric)).toEqual(["duplicateValues", "invalidValues", "missingValues", "invalidValues"]);
    const counter = new StreamWindowCounter(checks, new Date());
    const records = [
      { payment_id: "p1", currency: "EUR", status: "captured" },
      { payment_id: "p1", currency: "EURO", status: "" },
      { payment_id: "p2", currency: "SEK", status: "refunded" },
      { payment_id: "p3", currency: null, status: "n/a" },
    ];
    for (const r of records) counter.add(r);
    const window = counter.reset(new Date());
    expect(window.records).toBe(4);
    expect(Object.values(window.checks).map((c) => c.failing)).toEqual([1, 1, 2, 3]);
    expect(window.checks[checks[0].key].sample).toEqual([records[1]]);
  });

  it("keeps samples of records decoded from Avro as plain JSON, so the window can be stored", async () => {
    const type = avro.Type.forSchema({ type: "record", name: "Payment", fields: [{ name: "payment_id", type: "string" }, { name: "currency", type: ["null", "string"] }, { name: "status", type: "string" }] });
    const decoded = type.fromBuffer(type.toBuffer({ payment_id: "p9", currency: "EURO", status: "captured" })) as Record<string, unknown>;
    const counter = new StreamWindowCounter(qualityChecksOf(contract("t"), "t", "stream").filter(isPerRecordCheck), new Date());
    counter.add(decoded);
    const window = counter.reset(new Date());
    const sample = Object.values(window.checks).flatMap((c) => c.sample)[0];
    expect(Object.getPrototypeOf(sample)).toBe(Object.prototype);
    expect(sample).toEqual({ payment_id: "p9", currency: "EURO", status: "captured" });
    // Stored as the worker stores it (Prisma refuses an Avro record's methods, which the samples kept before).
    const team = await createOwnedTeam(admin);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: (await registerProduct(team.owner)).id, name: "events" } });
    const stored = await db.qualityStreamState.create({ data: { portId: port.id, window: window as unknown as Prisma.InputJsonValue, updatedAt: new Date() } });
    expect(Object.values((stored.window as unknown as typeof window).checks).flatMap((c) => c.sample)).toContainEqual(sample);
  });
});

describe("stream checks of a topic port", () => {
  it("judge the last window, say what runs on the table only, and track freshness on the controlled clock", async () => {
    const team = await createOwnedTeam(admin);
    const product = await registerProduct(team.owner);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
    await submitContractVersion(team.owner, port.id, { contract: YAML.stringify(contract(port.location!)) });
    setClock("2027-03-01T09:00:00Z");
    const never = await runStreamQuality(port.id);
    expect(never.outcomes.find((o) => o.check.kind === "freshness")).toMatchObject({ status: "failed", reason: expect.stringMatching(/no message/) });
    expect(never.outcomes.filter((o) => o.status === "not_evaluated").map((o) => o.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/table/), expect.stringMatching(/no records/)]));

    const checks = qualityChecksOf(contract(port.location!), port.location, "stream").filter(isPerRecordCheck);
    const counter = new StreamWindowCounter(checks, now());
    for (let i = 0; i < 20; i++) counter.add({ payment_id: `p${i}`, currency: i === 0 ? "EURO" : "EUR", status: "captured" });
    const window = counter.reset(now());
    const store = (lastMessageAt: Date) => db.qualityStreamState.upsert({ where: { portId: port.id }, create: { portId: port.id, lastMessageAt, window: window as unknown as Prisma.InputJsonValue, updatedAt: now() }, update: { lastMessageAt, window: window as unknown as Prisma.InputJsonValue, updatedAt: now() } });
    await store(now());
    const flowing = await runStreamQuality(port.id);
    const by = (run: typeof flowing, metric: string) => run.outcomes.find((o) => (o.check.kind === "library" ? o.check.metric : o.check.kind) === metric)!;
    expect(by(flowing, "freshness")).toMatchObject({ status: "passed", measured: 0 });
    expect(by(flowing, "invalidValues")).toMatchObject({ status: "passed", measured: 5, unit: "percent" });
    expect(flowing.resolved).toHaveLength(1);

    // The producer stops: ten minutes without a message breaks the 5-minute SLA and opens an incident.
    advanceClock(10 * 60_000);
    const stopped = await runStreamQuality(port.id);
    expect(by(stopped, "freshness")).toMatchObject({ status: "failed", measured: 600 });
    expect(stopped.opened).toHaveLength(1);
    // It resumes: a message now makes the stream fresh again and resolves the incident.
    await store(now());
    const resumed = await runStreamQuality(port.id);
    expect(by(resumed, "freshness")).toMatchObject({ status: "passed" });
    expect(resumed.resolved).toEqual(stopped.opened);
  });
});
