import type { Tx } from "@/lib/db";
import type { ErrorDetail } from "@/lib/errors";
import type { CompatibilityMode } from "@/lib/generated/prisma/enums";
import { checkCompatibility } from "./check-compatibility";
import { checkSchemaAgainstContract } from "./check-schema-against-contract";
import { CONTRACT_JSON_SCHEMA_POLICY } from "./json-schema-compatibility";
import { compareSemver, MAX_VERSION_PART, parseSemver, type ContractSubmissionInput } from "./contract-input";
import { diffContracts } from "./diff-contracts";
import { parseContract } from "./parse-contract";
import { toAvroKeySchema } from "./to-avro-key-schema";
import { toAvroSchema } from "./to-avro-schema";
import { toJsonSchema } from "./to-json-schema";

type PortForContract = { id: string; type: string; location: string | null; compatibilityMode: CompatibilityMode };

export type ContractEvaluation =
  | { outcome: "invalid"; errors: ErrorDetail[] }
  | {
      outcome: "activate" | "needs_approval" | "refused" | "draft";
      document: Record<string, unknown>;
      yaml: string;
      version: string;
      semver: { major: number; minor: number; patch: number };
      schemaType: "AVRO" | "JSON";
      valueSchema: string;
      keySchema: string | null;
      customSchema: boolean;
      changes: ReturnType<typeof diffContracts>;
      previousVersion: string | null;
      compatibility: { mode: CompatibilityMode; compatible: boolean; messages: string[] };
      reasons: string[];
    };

const errorDetail = (e: { path: string; message: string; line?: number; column?: number }): ErrorDetail => ({ path: e.path || "(root)", message: e.message, ...(e.line ? { line: e.line, column: e.column } : {}) });

/**
 * Everything Meshwork decides about a submitted contract version, without saving anything: is it valid, which
 * schema it implies, how it differs from the active version, and whether the port's compatibility mode lets it
 * go live at once, needs a steward (a new major version), or is refused.
 */
export async function evaluateContractVersion(tx: Tx, port: PortForContract, input: ContractSubmissionInput): Promise<ContractEvaluation> {
  const parsed = parseContract(input.contract);
  if (!parsed.ok) return { outcome: "invalid", errors: parsed.errors.map(errorDetail) };
  const document = parsed.contract as Record<string, unknown>;
  const semver = parseSemver(document.version);
  if (!semver) return { outcome: "invalid", errors: [{ path: "version", message: `"${String(document.version)}" is not a semantic version (MAJOR.MINOR.PATCH, each part at most ${MAX_VERSION_PART})` }] };
  const version = `${semver.major}.${semver.minor}.${semver.patch}`;

  const schemaName = (document.schema as { name?: string; physicalName?: string }[] | undefined)?.find((s) => s.physicalName === port.location)?.name;
  let valueSchema: unknown;
  if (input.customSchema) {
    try {
      valueSchema = JSON.parse(input.customSchema);
    } catch (error) {
      return { outcome: "invalid", errors: [{ path: "customSchema", message: `not valid JSON: ${(error as Error).message}` }] };
    }
    const problems = checkSchemaAgainstContract(document as never, input.schemaType, valueSchema, schemaName);
    if (problems.length > 0) return { outcome: "invalid", errors: problems.map((message) => ({ path: "customSchema", message })) };
  } else {
    try {
      valueSchema = input.schemaType === "AVRO" ? toAvroSchema(document as never, schemaName) : toJsonSchema(document as never, schemaName);
    } catch (error) {
      return { outcome: "invalid", errors: [{ path: "schema", message: (error as Error).message }] };
    }
  }

  const existing = await tx.contractVersion.findMany({ where: { portId: port.id }, orderBy: [{ major: "asc" }, { minor: "asc" }, { patch: "asc" }] });
  // A rejected version keeps its number taken but does not hold the port's later versions back.
  const newest = existing.filter((v) => v.status !== "rejected").at(-1);
  if (existing.some((v) => v.version === version)) return { outcome: "invalid", errors: [{ path: "version", message: `version ${version} already exists for this port; bump the version` }] };
  if (newest && compareSemver(semver, newest) < 0) return { outcome: "invalid", errors: [{ path: "version", message: `version ${version} is lower than the port's newest version ${newest.version}` }] };

  const live = existing.filter((v) => v.status === "active" || v.status === "deprecated").sort((a, b) => (a.activatedAt?.getTime() ?? 0) - (b.activatedAt?.getTime() ?? 0));
  const active = live.filter((v) => v.status === "active").at(-1) ?? null;
  // A break a steward approved starts a new history: transitive modes do not compare with what came before it.
  const lastApproved = live.findLastIndex((v) => v.decidedById !== null);
  const previous = live.slice(Math.max(lastApproved, 0)).filter((v) => v.schemaType === input.schemaType).map((v) => JSON.parse(v.valueSchema));
  const mode = port.compatibilityMode;
  const verdict = previous.length === 0 || mode === "NONE" ? { compatible: true, messages: [] as string[] } : checkCompatibility({ schemaType: input.schemaType, newSchema: valueSchema, previousSchemas: previous, mode, jsonSchemaPolicy: CONTRACT_JSON_SCHEMA_POLICY });
  const changes = active ? diffContracts(active.document as never, document as never) : [];

  const newMajor = !active || semver.major > active.major;
  const outcome = input.draft ? "draft" : verdict.compatible ? "activate" : newMajor ? "needs_approval" : "refused";
  const reasons = verdict.compatible
    ? []
    : outcome === "needs_approval"
      ? [`incompatible under ${mode}; as a new major version it needs a governance steward's approval`, ...verdict.messages]
      : [...verdict.messages, `an incompatible change needs a new major version (${(active?.major ?? 0) + 1}.0.0) and a steward's approval`];
  return {
    outcome,
    document,
    yaml: parsed.yaml,
    version,
    semver,
    schemaType: input.schemaType,
    valueSchema: JSON.stringify(valueSchema),
    keySchema: keySchemaFor(port, input, document),
    customSchema: Boolean(input.customSchema),
    changes,
    previousVersion: active?.version ?? null,
    compatibility: { mode, compatible: verdict.compatible, messages: verdict.messages },
    reasons,
  };
}

// Topics keyed by the contract's primary key get an Avro key schema, registered under `<topic>-key`.
function keySchemaFor(port: PortForContract, input: ContractSubmissionInput, document: Record<string, unknown>): string | null {
  if (port.type !== "kafka_topic" || input.schemaType !== "AVRO") return null;
  const schemaName = (document.schema as { name?: string; physicalName?: string }[] | undefined)?.find((s) => s.physicalName === port.location)?.name;
  const key = toAvroKeySchema(document as never, schemaName);
  return key ? JSON.stringify(key) : null;
}
