import pg from "pg";
import YAML from "yaml";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { dataDatabaseUrl } from "@/lib/data-tables/data-database";
import { tablePortWithContract } from "@/lib/testing/table-port-fixture";

/** An order table's contract with quality rules: ids never null (error), currency a 3-letter code (error), 15-minute freshness, personal e-mail. */
export function qualityContractYaml(location: string, version = "1.0.0", { currencyRule = { metric: "invalidValues", arguments: { pattern: "^[A-Z]{3}$" }, mustBe: 0, severity: "error" } as Record<string, unknown> } = {}): string {
  return YAML.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `urn:test:${location}`,
    version,
    status: "active",
    schema: [
      {
        name: "orders",
        physicalName: location,
        logicalType: "object",
        physicalType: "table",
        properties: [
          { name: "order_id", logicalType: "string", primaryKey: true, quality: [{ metric: "nullValues", mustBe: 0, severity: "error" }] },
          { name: "email", logicalType: "string", classification: "restricted", tags: ["pii"] },
          { name: "currency", logicalType: "string", quality: [currencyRule] },
          { name: "amount", logicalType: "number" },
        ],
        quality: [{ metric: "rowCount", mustBeGreaterThan: 0, severity: "warning" }],
      },
    ],
    slaProperties: [{ property: "latency", value: 15, unit: "m" }],
  });
}

/** A published product whose table port has the quality contract, its table created, and a connection to insert rows. */
export async function qualityTablePort(admin: Actor) {
  const fixture = await tablePortWithContract(admin, { contract: false });
  await submitContractVersion(fixture.owner, fixture.port.id, { contract: qualityContractYaml(fixture.location) });
  await changeProductStatus(fixture.owner, fixture.product.id, { status: "published" });
  await createProductTable(fixture.port.id);
  let offset = 0;
  const insert = async (rows: { order_id?: string | null; email?: string; currency?: string; amount?: number; at?: Date }[]) => {
    const client = new pg.Client({ connectionString: dataDatabaseUrl() });
    await client.connect();
    try {
      for (const row of rows) {
        await client.query(`INSERT INTO ${pg.escapeIdentifier(fixture.schema)}.${pg.escapeIdentifier(fixture.table)} (order_id, email, currency, amount, _partition, _offset, _timestamp, _key) VALUES ($1, $2, $3, $4, 0, $5, $6, $1)`, [
          row.order_id === undefined ? `o-${offset}` : row.order_id,
          row.email ?? `buyer${offset}@example.com`,
          row.currency ?? "EUR",
          row.amount ?? 10,
          offset++,
          row.at ?? new Date(),
        ]);
      }
    } finally {
      await client.end();
    }
  };
  return { ...fixture, insert };
}
