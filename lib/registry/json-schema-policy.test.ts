import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createOwnedTeam, createUser, registerProduct, unique } from "@/lib/testing/fixtures";
import { getSubjectVersion } from "./read-registry";
import { registerSchema } from "./register-schema";
import { RegistryError } from "./registry-error";
import { testCompatibility } from "./test-compatibility";

// Issue 7 item 12: subjects of no port follow Confluent's strict JSON Schema rules, a port's subjects the contracts'
// lenient rule, and a compatibility check answers what a registration would do under the same policy.

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

const jsonBody = (schema: unknown) => ({ schemaType: "JSON", schema: JSON.stringify(schema) });
const withProperty = (schema: Record<string, unknown>, name: string) => ({ ...schema, properties: { ...(schema.properties as object), [name]: { type: "string" } } });

describe("JSON Schema policy per subject", () => {
  it("refuses an optional property added to an open object on a subject of no port (strict), in the check and the registration alike", async () => {
    const subject = `${unique("strict")}-value`;
    const v1 = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
    await registerSchema(admin, subject, jsonBody(v1));

    expect(await testCompatibility(subject, "latest", jsonBody(withProperty(v1, "note")), true)).toEqual({
      is_compatible: false,
      messages: ["#/properties/note: optional property added to open content model (OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL)"],
      json_schema_policy: "strict",
    });
    const refused = await registerSchema(admin, subject, jsonBody(withProperty(v1, "note"))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegistryError);
    expect((refused as RegistryError).status).toBe(409);
    // A property with the empty schema is compatible under strict too.
    expect(await testCompatibility(subject, "latest", jsonBody({ ...v1, properties: { ...v1.properties, any: {} } }), false)).toEqual({ is_compatible: true });
  });

  it("accepts an optional property added to a port's open object (lenient), as the contract would", async () => {
    const team = await createOwnedTeam(admin);
    const product = await registerProduct(team.owner);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
    const contract = (version: string, extra: unknown[] = []) =>
      YAML.stringify({
        apiVersion: "v3.1.0",
        kind: "DataContract",
        id: `${product.urn}:events`,
        version,
        status: "active",
        domain: "sales",
        schema: [{ name: "orders", physicalName: port.location, logicalType: "object", properties: [{ name: "order_id", logicalType: "string", required: true }, ...extra] }],
      });
    await submitContractVersion(team.owner, port.id, { contract: contract("1.0.0"), schemaType: "JSON" });
    const subject = `${port.location}-value`;
    const current = JSON.parse((await getSubjectVersion(subject, "latest")).schema);

    expect(await testCompatibility(subject, "latest", jsonBody(withProperty(current, "note")), true)).toEqual({ is_compatible: true, messages: [], json_schema_policy: "lenient" });
    const next = await submitContractVersion(team.owner, port.id, { contract: contract("1.1.0", [{ name: "note", logicalType: "string" }]), schemaType: "JSON" });
    expect(next.status).toBe("active");
  });
});
