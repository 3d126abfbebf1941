import YAML from "yaml";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { ADDED_LATER, FIELDS } from "./demo-contracts";

type Port = { id: string; name: string; type: string; location: string | null };
type Product = { urn: string; slug: string; name: string; description: string; classification: string; domain: { slug: string }; team: { name: string; contactEmail: string | null } };

function property(spec: string, isTopic = false) {
  const [name, typeFlags, description] = spec.split(":");
  const logicalType = typeFlags.replace(/[!#~]/g, "");
  const pii = typeFlags.includes("~");
  const key = typeFlags.includes("#");
  return {
    name,
    logicalType,
    physicalType: { string: "string", number: "double", integer: "long", boolean: "boolean", timestamp: "timestamp", date: "date" }[logicalType] ?? logicalType,
    description,
    required: typeFlags.includes("!"),
    ...(key ? { primaryKey: true } : {}),
    ...(pii ? { classification: "restricted", tags: ["pii"] } : {}),
    ...(key || qualityRules(name, description, isTopic).length > 0
      ? { quality: [...(key ? [{ type: "library", metric: "nullValues", mustBe: 0, dimension: "completeness", severity: "error", description: `${name} is never empty` }] : []), ...qualityRules(name, description, isTopic)] }
      : {}),
  };
}

const AMOUNTS = new Set(["amount", "total_amount", "list_price", "unit_price", "net_amount", "vat_amount"]);

/** The demo's quality rules by field: codes that must look like codes, statuses from their description, amounts never negative. */
function qualityRules(name: string, description: string, isTopic: boolean): Record<string, unknown>[] {
  if (name === "currency") return [{ type: "library", metric: "invalidValues", arguments: { pattern: "^[A-Z]{3}$" }, mustBe: 0, dimension: "conformity", severity: "error", description: "An ISO 4217 code: three capital letters" }];
  if (name === "country") return [{ type: "library", metric: "invalidValues", arguments: { pattern: "^[A-Z]{2}$" }, unit: "percent", mustBeLessOrEqualTo: 1, dimension: "conformity", severity: "warning", description: "At most 1 % are not an ISO 3166 code" }];
  const listed = /^([a-z_]+)(, [a-z_]+)+( or [a-z_]+)?$/.exec(description.replace(/, …$/, ""));
  if (name === "status" && listed) return [{ type: "library", metric: "invalidValues", arguments: { validValues: description.split(/, | or /) }, mustBe: 0, dimension: "conformity", severity: "warning", description: `One of ${description}` }];
  if (AMOUNTS.has(name)) {
    return isTopic
      ? [{ type: "library", metric: "invalidValues", arguments: { pattern: "^[0-9]" }, unit: "percent", mustBeLessOrEqualTo: 1, dimension: "accuracy", severity: "warning", description: "At most 1 % negative amounts" }]
      : [{ type: "sql", query: "SELECT count(*) FROM {object} WHERE {property} < 0", mustBe: 0, dimension: "accuracy", severity: "warning", description: "No negative amounts" }];
  }
  return [];
}

function contractYaml(product: Product, port: Port, version: string, fields: string[]): string {
  const isTopic = port.type === "kafka_topic";
  return YAML.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `${product.urn}:${port.name}`,
    name: `${product.name} — ${port.name}`,
    version,
    status: "active",
    domain: product.domain.slug,
    description: { purpose: product.description, usage: isTopic ? `Consume ${port.location} for low-latency use.` : `Query ${port.location} for analytics.` },
    schema: [
      {
        name: port.name.replace(/-/g, "_"),
        physicalName: port.location ?? port.name,
        logicalType: "object",
        physicalType: isTopic ? "topic" : "table",
        description: `${product.name}: ${port.name}`,
        properties: fields.map((f) => property(f, isTopic)),
        quality: [{ type: "library", metric: "rowCount", mustBeGreaterThan: 0, dimension: "completeness", description: "The data set is never empty" }],
      },
    ],
    team: { name: product.team.name },
    support: [{ channel: product.team.contactEmail ?? "#data-support", tool: product.team.contactEmail ? "email" : "slack" }],
    slaProperties: isTopic
      ? [{ property: "freshness", value: 5, unit: "m", description: "A message at least every 5 minutes" }, { property: "retention", value: 7, unit: "d" }]
      : [{ property: "latency", value: 15, unit: "m", description: "The newest row is at most 15 minutes old (materialized from the stream)" }, { property: "retention", value: 3, unit: "y" }],
  });
}

/** Publishes an active contract on every output port of a demo product, some through several versions. */
export async function seedProductContracts(admin: Actor, urn: string): Promise<number> {
  const product = await db.dataProduct.findUniqueOrThrow({ where: { urn }, include: { domain: true, team: true, ports: { where: { direction: "output" }, orderBy: { createdAt: "asc" } } } });
  const fields = FIELDS[product.slug];
  if (!fields) throw new Error(`The demo mesh has no contract fields for ${product.slug}`);
  const history = ADDED_LATER[product.slug] ?? [];
  let published = 0;
  for (const port of product.ports) {
    // A topic went through its versions; the table materialized from it starts with every field at 1.0.0.
    const steps = port.type === "kafka_topic" ? history : [];
    let current = port.type === "kafka_topic" ? fields : [...fields, ...history.flatMap((h) => h.fields)];
    await submitContractVersion(admin, port.id, { contract: contractYaml(product, port, "1.0.0", current) });
    published++;
    for (const step of steps) {
      current = [...current, ...step.fields];
      await submitContractVersion(admin, port.id, { contract: contractYaml(product, port, step.version, current) });
      published++;
    }
  }
  return published;
}
