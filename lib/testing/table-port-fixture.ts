import { randomBytes } from "node:crypto";
import YAML from "yaml";
import pg from "pg";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createOwnedTeam, registerProduct } from "./fixtures";

export { dropRolesWithPrefix, testRolePrefix } from "./test-roles";

export type Property = { name: string; logicalType?: string; physicalType?: string; physicalName?: string; required?: boolean; description?: string; properties?: Property[]; items?: Omit<Property, "name"> };

export const ORDER_PROPERTIES: Property[] = [
  { name: "order_id", logicalType: "string", required: true, description: "The order's id" },
  { name: "amount", logicalType: "number", physicalType: "decimal(12,2)", required: true },
  { name: "quantity", logicalType: "integer", physicalType: "int" },
  { name: "placed_at", logicalType: "timestamp" },
  { name: "shipping_address", logicalType: "object", properties: [{ name: "city", logicalType: "string" }] },
  { name: "tags", logicalType: "array", items: { logicalType: "string" } },
];

/** A fresh schema name for one test (data products' tables must not share one by accident). */
export const uniqueSchema = () => `mwt_${randomBytes(4).toString("hex")}`;

export function tableContractYaml(location: string, version: string, properties: Property[]): string {
  return YAML.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `urn:test:${location}`,
    name: `Table ${location}`,
    version,
    status: "active",
    schema: [{ name: location.split(".").pop(), physicalName: location, logicalType: "object", physicalType: "table", properties }],
  });
}

/** A team's product with one table output port at `<schema>.orders` and an active contract on it. */
export async function tablePortWithContract(admin: Actor, { schema = uniqueSchema(), table = "orders", properties = ORDER_PROPERTIES, contract = true }: { schema?: string; table?: string; properties?: Property[]; contract?: boolean } = {}) {
  const team = await createOwnedTeam(admin);
  const location = `${schema}.${table}`;
  const product = await registerProduct(team.owner, { outputPorts: [{ name: "rows", type: "table", table: location }] });
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "rows" } });
  if (contract) await submitContractVersion(team.owner, port.id, { contract: tableContractYaml(location, "1.0.0", properties) });
  return { ...team, product, port, schema, table, location };
}

/** Whether `role` can read `schema.table`, asked from a connection of its own and checked by reading as that role. */
export async function canRead(databaseUrl: string, role: string, schema: string, table: string): Promise<{ privilege: boolean; selectWorks: boolean }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) return { privilege: false, selectWorks: false };
    const qualified = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
    const { rows } = await client.query<{ ok: boolean }>("SELECT coalesce(has_table_privilege($1, $2, 'SELECT') AND has_schema_privilege($1, $3, 'USAGE'), false) AS ok", [role, qualified, schema]);
    await client.query("BEGIN");
    await client.query(`SET LOCAL ROLE ${pg.escapeIdentifier(role)}`);
    const selectWorks = await client.query(`SELECT count(*) FROM ${qualified}`).then(
      () => true,
      (error: { code?: string }) => {
        if (error.code !== "42501") throw error;
        return false;
      },
    );
    await client.query("ROLLBACK");
    return { privilege: rows[0].ok, selectWorks };
  } finally {
    await client.end();
  }
}

/** An ODCS contract for a product's `events` topic port: one object whose properties default to a required order_id. */
export function topicContractYaml(product: { urn: string }, topic: string, version = "1.0.0", properties: Property[] = [{ name: "order_id", logicalType: "string", required: true }]): string {
  return YAML.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `${product.urn}:events`,
    version,
    status: "active",
    schema: [{ name: "orders", physicalName: topic, logicalType: "object", properties }],
  });
}

/** A team's product whose `events` topic port has an active contract (so `<topic>-value` has version 1). */
export async function topicPortWithContract(admin: Actor, { properties, schemaType }: { properties?: Property[]; schemaType?: "AVRO" | "JSON" } = {}) {
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  const topic = port.location!;
  const published = await submitContractVersion(team.owner, port.id, { contract: topicContractYaml(product, topic, "1.0.0", properties), ...(schemaType ? { schemaType } : {}) });
  return { ...team, product, port, topic, subject: `${topic}-value`, published };
}
