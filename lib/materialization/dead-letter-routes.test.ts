import avro from "avsc";
import { describe, expect, it } from "vitest";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { db } from "@/lib/db";
import { callRoute } from "@/lib/testing/call-route";
import { createUser } from "@/lib/testing/fixtures";
import { tablePortWithContract, topicPortWithContract } from "@/lib/testing/table-port-fixture";
import { createApiToken } from "@/lib/tokens/create-api-token";

// Issue 10, the port page's Materialization panel: its owners list a table port's dead letters, inspect one (raw bytes,
// the schema id they name, a fresh decode attempt) and pause/resume; anyone else is refused.

const PORT = "api/v1/ports/[port]";

async function setUp() {
  const admin = await createUser({ role: "admin" });
  const table = await tablePortWithContract(admin);
  // Published, so a stranger sees the product (and is refused its dead letters) rather than finding nothing.
  await changeProductStatus(admin, table.product.urn, { status: "published" });
  const topic = await topicPortWithContract(admin);
  const { id: schemaId, schema } = await db.registrySchema.findFirstOrThrow({ where: { versions: { some: { subject: topic.subject } } }, select: { id: true, schema: true } });
  const type = avro.Type.forSchema(JSON.parse(schema));
  const sample = type.random() as unknown as Record<string, unknown>;
  const framed = Buffer.concat([Buffer.from([0]), Buffer.alloc(4), type.toBuffer(sample)]);
  framed.writeInt32BE(schemaId, 1);
  const portRef = `${table.product.urn}:${table.port.name}`;
  const [decodable, garbage] = await Promise.all([
    db.deadLetter.create({ data: { portId: table.port.id, topic: topic.topic, partition: 1, offset: 41n, key: "o-1", valueBase64: framed.toString("base64"), reason: "missing_field", error: "Required field order_id is missing." } }),
    db.deadLetter.create({ data: { portId: table.port.id, topic: topic.topic, partition: 0, offset: 7n, key: null, valueBase64: Buffer.from('{"order_id":"o-2"}').toString("base64"), reason: "undecodable", error: "Not in the schema registry's wire format." } }),
  ]);
  const ownerToken = (await createApiToken(table.owner, { name: "owner" })).token;
  const strangerToken = (await createApiToken(await createUser(), { name: "stranger" })).token;
  return { portRef, schemaId, sample, decodable, garbage, ownerToken, strangerToken };
}

describe("dead letters and pause/resume over /api/v1", () => {
  it("lets the owners list and inspect dead letters, with a fresh decode attempt", async () => {
    const t = await setUp();
    const list = await callRoute(`${PORT}/dead-letters`, "GET", { params: { port: t.portRef }, token: t.ownerToken });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { deadLetters: { id: string; partition: number; offset: string; reason: string }[] };
    expect(body.deadLetters.map((d) => [d.partition, d.offset, d.reason])).toEqual([
      [0, "7", "undecodable"],
      [1, "41", "missing_field"],
    ]);

    const decodable = await callRoute(`${PORT}/dead-letters/[id]`, "GET", { params: { port: t.portRef, id: String(t.decodable.id) }, token: t.ownerToken });
    expect(decodable.status).toBe(200);
    const inspected = await decodable.json();
    expect(inspected).toMatchObject({ partition: 1, offset: "41", schemaId: t.schemaId, error: "Required field order_id is missing.", decoded: { ok: true } });
    expect(inspected.headHex).toMatch(/^00 /);
    expect(JSON.parse(JSON.stringify(inspected.decoded.value))).toEqual(JSON.parse(JSON.stringify(t.sample)));

    const garbage = await (await callRoute(`${PORT}/dead-letters/[id]`, "GET", { params: { port: t.portRef, id: String(t.garbage.id) }, token: t.ownerToken })).json();
    expect(garbage).toMatchObject({ schemaId: null, decoded: { ok: false } });
    expect(garbage.decoded.error).toMatch(/wire format/);
    expect(Buffer.from(garbage.valueBase64, "base64").toString()).toBe('{"order_id":"o-2"}');

    for (const id of ["99999999999999999999", "9223372036854775808", "0", "abc", String(t.garbage.id + 1000n)]) {
      const missing = await callRoute(`${PORT}/dead-letters/[id]`, "GET", { params: { port: t.portRef, id }, token: t.ownerToken });
      expect(missing.status).toBe(404);
    }
  });

  it("refuses the dead letters and pause to someone who does not own the port", async () => {
    const t = await setUp();
    for (const [folder, method] of [[`${PORT}/dead-letters`, "GET"], [`${PORT}/materialization/pause`, "POST"], [`${PORT}/materialization/resume`, "POST"], [`${PORT}/materialization/restart`, "POST"]] as const) {
      const refused = await callRoute(folder, method, { params: { port: t.portRef }, token: t.strangerToken });
      expect(refused.status, `${method} ${folder}`).toBe(403);
    }
    const inspect = await callRoute(`${PORT}/dead-letters/[id]`, "GET", { params: { port: t.portRef, id: String(t.decodable.id) }, token: t.strangerToken });
    expect(inspect.status).toBe(403);
    expect(await callRoute(`${PORT}/dead-letters`, "GET", { params: { port: t.portRef } }).then((r) => r.status)).toBe(401);
  });
});
