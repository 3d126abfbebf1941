import { describe, expect, it } from "vitest";
import type { ContractCheckResult } from "./contract-api";
import { publishBlocker } from "./publish-blocker";

const checked = (over: Partial<ContractCheckResult>): ContractCheckResult => ({ valid: true, compatible: true, outcome: "would-activate", version: "1.1.0", previousVersion: "1.0.0", errors: [], reasons: [], ...over });
const idle = { empty: false, pending: false, errors: 0 };

describe("publishBlocker", () => {
  it("lets a valid contract that would go live or wait for a steward be published", () => {
    expect(publishBlocker({ ...idle, result: checked({}) })).toBeNull();
    expect(publishBlocker({ ...idle, result: checked({ outcome: "needs-approval", compatible: false }) })).toBeNull();
  });

  it("says why Publish is disabled: nothing written, a check on its way, problems, or a refused change", () => {
    expect(publishBlocker({ ...idle, empty: true })).toBe("Write, paste or load a contract to publish it.");
    expect(publishBlocker({ ...idle, pending: true, result: checked({}) })).toBe("Publish waits for the check of your latest change…");
    expect(publishBlocker({ ...idle, problem: "The server answered 500." })).toBe("The contract could not be checked: The server answered 500.");
    expect(publishBlocker({ ...idle, errors: 1, result: checked({ valid: false, outcome: "invalid" }) })).toBe("Fix the problem listed below to publish.");
    expect(publishBlocker({ ...idle, errors: 2, result: checked({ valid: false, outcome: "invalid" }) })).toBe("Fix the 2 problems listed below to publish.");
    expect(publishBlocker({ ...idle, result: checked({ outcome: "refused", compatible: false }) })).toBe("Refused: incompatible with 1.0.0. Undo the breaking change or make it a new major version.");
  });

  it("keeps Publish disabled when a valid-looking earlier check is shown but the latest text has problems", () => {
    expect(publishBlocker({ ...idle, errors: 3, result: checked({}) })).toBe("Fix the 3 problems listed below to publish.");
  });
});
