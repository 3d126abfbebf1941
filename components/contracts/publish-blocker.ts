import type { ContractCheckResult } from "./contract-api";

/** Why Publish is disabled now, in words, or null when the checked text can be published. */
export function publishBlocker({ empty, pending, problem, result, errors }: { empty: boolean; pending: boolean; problem?: string; result?: ContractCheckResult; errors: number }): string | null {
  if (empty) return "Write, paste or load a contract to publish it.";
  if (pending) return "Publish waits for the check of your latest change…";
  if (problem) return `The contract could not be checked: ${problem}`;
  if (!result) return "Publish waits for the contract to be checked.";
  if (!result.valid || errors > 0) return errors === 0 ? "Fix the contract's problems to publish." : `Fix the ${errors === 1 ? "problem" : `${errors} problems`} listed below to publish.`;
  if (result.outcome === "refused") return `Refused: incompatible with ${result.previousVersion ?? "the active version"}. Undo the breaking change or make it a new major version.`;
  return null;
}
