import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { parseInput } from "@/lib/validation";
import { ContractCheck } from "./contract-input";
import { portImpact } from "@/lib/lineage/analyze-impact";
import { evaluateContractVersion } from "./evaluate-contract-version";

/** Shift left: a producer's CI asks whether a contract is valid and compatible, and what it reaches downstream; nothing is saved. */
export async function checkContract(actor: Actor, input: unknown) {
  const { port: portRef, ...submission } = parseInput(ContractCheck, input, "Contract check");
  return db.$transaction(async (tx) => {
    const port = await findOutputPortOrThrow(actor, portRef, tx);
    const evaluation = await evaluateContractVersion(tx, port, submission);
    if (evaluation.outcome === "invalid") return { valid: false, compatible: false, outcome: "invalid", errors: evaluation.errors, reasons: [] as string[] };
    return {
      valid: true,
      compatible: evaluation.compatibility.compatible,
      outcome: evaluation.outcome === "activate" ? "would-activate" : evaluation.outcome === "needs_approval" ? "needs-approval" : evaluation.outcome === "draft" ? "draft" : "refused",
      version: evaluation.version,
      previousVersion: evaluation.previousVersion,
      compatibilityMode: evaluation.compatibility.mode,
      reasons: evaluation.reasons,
      changes: evaluation.changes,
      // What the change reaches downstream, and which downstream fields read a removed, renamed or retyped field.
      impact: await portImpact(tx, actor, port, evaluation.document),
      errors: [],
    };
  });
}
