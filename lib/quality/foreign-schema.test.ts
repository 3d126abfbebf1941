import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unique } from "@/lib/testing/fixtures";
import { createForeignSchemaCheck } from "./foreign-schema";

let version = 0;
async function schemaUnder(...subjects: string[]) {
  const schema = await db.registrySchema.create({ data: { schemaType: "AVRO", schema: `{"type":"record","name":"R${randomUUID().replace(/-/g, "")}","fields":[]}`, fingerprint: randomUUID() } });
  for (const subject of subjects) await db.registrySubjectVersion.create({ data: { subject, version: ++version, schemaId: schema.id } });
  return schema.id;
}

describe("a record written with another topic's schema", () => {
  it("is foreign to a topic when its schema is another topic's value schema only", async () => {
    const topic = `${unique("stream")}.orders.v1`;
    const other = `${unique("stream")}.shipments.v1`;
    const isForeign = createForeignSchemaCheck();
    expect(await isForeign(topic, await schemaUnder(`${other}-value`))).toBe(true);
    // The topic's own schema, also when another topic shares it, or its subject is spelt in another case.
    expect(await isForeign(topic, await schemaUnder(`${topic}-value`))).toBe(false);
    expect(await isForeign(topic, await schemaUnder(`${other}-value`, `${topic}-value`))).toBe(false);
    expect(await isForeign(topic, await schemaUnder(`${topic.toUpperCase()}-value`))).toBe(false);
    // A record-name subject, or a schema id nobody registered: not known to be another topic's.
    expect(await isForeign(topic, await schemaUnder(`com.acme.${unique("Order")}`))).toBe(false);
    expect(await isForeign(topic, 2_000_000_000)).toBe(false);
  });

  it("stops being foreign within a minute of its schema being registered for the topic", async () => {
    const topic = `${unique("stream")}.orders.v1`;
    let at = 0;
    const isForeign = createForeignSchemaCheck(() => at);
    const id = await schemaUnder(`${unique("stream")}.other.v1-value`);
    expect(await isForeign(topic, id)).toBe(true);
    await db.registrySubjectVersion.create({ data: { subject: `${topic}-value`, version: 1, schemaId: id } });
    at = 59_000;
    expect(await isForeign(topic, id)).toBe(true);
    at = 61_000;
    expect(await isForeign(topic, id)).toBe(false);
  });
});
