import { z } from "zod";

export const MAX_CONTRACT_BYTES = 512 * 1024;

/** What an owner (or a producer's CI) sends: the ODCS document, and optionally a hand-written schema. Unknown fields are refused. */
export const ContractSubmission = z
  .object({
    contract: z.string().min(1, "send the ODCS contract as YAML or JSON text").max(MAX_CONTRACT_BYTES, "the contract is larger than 512 KiB"),
    schemaType: z.enum(["AVRO", "JSON"]).default("AVRO"),
    customSchema: z.string().max(MAX_CONTRACT_BYTES).optional(),
    draft: z.boolean().default(false),
  })
  .strict();

export const ContractCheck = ContractSubmission.extend({ port: z.string().min(1, "name the output port (id or urn:meshwork:<domain>:<product>:<port>)") });

export const ContractDecision = z.object({ note: z.string().trim().max(2000).default("") }).strict();

export type ContractSubmissionInput = z.infer<typeof ContractSubmission>;

/** Each part is stored as a 32-bit integer. */
export const MAX_VERSION_PART = 2 ** 31 - 1;

/** MAJOR.MINOR.PATCH, each part at most MAX_VERSION_PART; null otherwise. */
export function parseSemver(version: unknown): { major: number; minor: number; patch: number } | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(version ?? ""));
  if (!match) return null;
  const [major, minor, patch] = match.slice(1).map(Number);
  return [major, minor, patch].every((part) => part <= MAX_VERSION_PART) ? { major, minor, patch } : null;
}

export const compareSemver = (a: { major: number; minor: number; patch: number }, b: { major: number; minor: number; patch: number }) =>
  a.major - b.major || a.minor - b.minor || a.patch - b.patch;
