#!/usr/bin/env -S npx tsx
// The meshwork CLI: lets a producer's CI check and publish data contracts through the API. From any directory:
//   npx --yes --package /path/to/meshwork meshwork contract check   FILE --port urn:meshwork:<domain>:<product>:<port> [--fail-on-impact]
//   npx --yes --package /path/to/meshwork meshwork contract publish FILE --port urn:meshwork:<domain>:<product>:<port> [--schema-type JSON] [--draft]
// Environment: MESHWORK_URL (default http://localhost:3000), MESHWORK_TOKEN (an API token; required).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

const USAGE = `usage: meshwork contract check|publish FILE --port PORT_URN [--schema-type AVRO|JSON] [--draft] [--fail-on-impact]
  PORT_URN   urn:meshwork:<domain>:<product>:<port>
  --fail-on-impact   check: exit 3 when a breaking change reaches downstream products, fields or subscribing teams
  env        MESHWORK_URL (default http://localhost:3000), MESHWORK_TOKEN (API token)`;

type Problem = { path: string; message: string; line?: number; column?: number };
type ApiError = { error?: { code: string; message: string; details?: Problem[] } };

/** `FILE:LINE:COLUMN: path: message`, as compilers print it, so editors and CI logs can jump to the spot. */
const describeProblem = (file: string, p: Problem) => `  ${p.line ? `${file}:${p.line}:${p.column ?? 1}: ` : ""}${p.path}: ${p.message}`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { port: { type: "string" }, "schema-type": { type: "string", default: "AVRO" }, draft: { type: "boolean", default: false }, "fail-on-impact": { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
  });
  const [area, command, file] = positionals;
  if (values.help || area !== "contract" || !["check", "publish"].includes(command ?? "") || !file || !values.port) fail(USAGE);
  const token = process.env.MESHWORK_TOKEN?.trim() || fail("MESHWORK_TOKEN is not set (or empty): create an API token in Meshwork (API tokens page) and export it.");
  const base = (process.env.MESHWORK_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const contract = await readFile(file, "utf8").catch((e: Error) => fail(`cannot read ${file}: ${e.message}`));
  const body = { contract, schemaType: values["schema-type"]!.toUpperCase(), draft: values.draft, ...(command === "check" ? { port: values.port } : {}) };
  const url = command === "check" ? `${base}/api/v1/contracts/check` : `${base}/api/v1/ports/${encodeURIComponent(values.port!)}/contracts`;
  const response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }).catch((e: Error) =>
    fail(`cannot reach ${base}: ${e.message}`),
  );
  const result = (await response.json().catch(() => ({}))) as Record<string, unknown> & ApiError;
  if (!response.ok) {
    console.error(`✗ ${result.error?.message ?? `HTTP ${response.status}`}`);
    for (const d of result.error?.details ?? []) console.error(describeProblem(file, d));
    process.exit(1);
  }
  if (command === "check") {
    const errors = (result.errors as Problem[]) ?? [];
    const reasons = (result.reasons as string[]) ?? [];
    if (!result.valid) {
      console.error(`✗ ${file} is not a valid contract:`);
      for (const e of errors) console.error(describeProblem(file, e));
      process.exit(1);
    }
    const verdict = result.outcome === "would-activate" ? "✓ valid and compatible" : result.outcome === "needs-approval" ? "! valid; incompatible new major version: needs a steward's approval" : "✗ incompatible";
    console.log(`${verdict} (${result.version} vs ${result.previousVersion ?? "no active version"}, mode ${result.compatibilityMode})`);
    for (const r of reasons) console.log(`  - ${r}`);
    for (const c of (result.changes as { message: string; breaking: boolean }[]) ?? []) console.log(`  ${c.breaking ? "breaking" : "change  "}  ${c.message}`);
    const impact = result.impact as Impact | undefined;
    if (impact) printImpact(impact);
    if (result.outcome === "refused") process.exit(1);
    process.exit(values["fail-on-impact"] && impact?.impacted ? 3 : 0);
  }
  console.log(`✓ contract ${result.version} ${result.status === "active" ? "is active" : `is ${result.status}`}${result.schemaId ? ` (schema id ${result.schemaId})` : ""}`);
  for (const r of (result.reasons as string[]) ?? []) console.log(`  - ${r}`);
  if (result.externalSyncError) console.error(`! ${result.externalSyncError}`);
}

type Impact = {
  impacted: boolean;
  summary: string;
  fields: { field: string; message: string; readBy: { field: string; via: string; hops: number; port: { productUrn: string; name: string } | null; dataset?: { namespace: string; name: string } }[]; hiddenReaders: number }[];
  downstream: { ports: { productUrn: string; name: string; via: string }[]; products: { urn: string; team: string; hops?: number }[]; teams: { name: string; domain: string; hops?: number }[]; hiddenProducts: number };
};

/** What the change reaches downstream, field by field where field lineage says so. */
function printImpact(impact: Impact) {
  console.log(`impact: ${impact.summary}`);
  const away = (hops?: number) => (hops && hops > 1 ? `, ${hops} hops away` : "");
  for (const p of impact.downstream.products) console.log(`  product  ${p.urn} (team ${p.team}${away(p.hops)})`);
  if (impact.downstream.hiddenProducts > 0) console.log(`  product  ${impact.downstream.hiddenProducts} you cannot see`);
  for (const t of impact.downstream.teams) console.log(`  team     ${t.name} (${t.domain}) subscribes${away(t.hops)}`);
  for (const f of impact.fields.filter((f) => f.readBy.length + f.hiddenReaders > 0)) {
    console.log(`  field    ${f.field}: ${f.message}; read by`);
    for (const r of f.readBy) console.log(`             ${r.port ? `${r.port.productUrn}:${r.port.name}` : `${r.dataset?.namespace}/${r.dataset?.name}`} field ${r.field} (${r.via}${r.hops > 1 ? `, ${r.hops} hops downstream` : ""})`);
    if (f.hiddenReaders > 0) console.log(`             ${f.hiddenReaders} field${f.hiddenReaders === 1 ? "" : "s"} of products you cannot see`);
  }
}

void main();
