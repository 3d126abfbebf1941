import { describe, expect, it } from "vitest";
import { approvalChain, changesSinceApproval, type ApprovedFacts, type PolicyFacts } from "./access-policy";

const sensitive = (renewal?: PolicyFacts["renewal"], overrides: Partial<PolicyFacts["product"]> = {}, fields: string[] = ["orders.email"]): PolicyFacts => ({
  consumerTeamId: "consumer",
  otherOwnerCount: 1,
  personalDataFields: fields,
  product: { urn: "urn:meshwork:sales:orders", classification: "confidential", containsPersonalData: true, teamId: "owners", teamName: "Order Platform", ...overrides },
  port: { name: "rows", selfService: true },
  renewal,
});
const approvedOn: ApprovedFacts = { classification: "confidential", containsPersonalData: true, personalDataFields: ["orders.email"] };
const kinds = (f: PolicyFacts) => approvalChain(f).steps.map((s) => s.kind);

describe("renewal policy", () => {
  it("a renewal where nothing changed skips the steward step, and says why", () => {
    const chain = approvalChain(sensitive({ subscriptionId: "s1", approvedOn }));
    expect(chain.shortened).toBe(true);
    expect(chain.steps).toEqual([{ kind: "owner", teamId: "owners", reason: expect.stringMatching(/renews subscription s1 and nothing changed since its approval/) }]);
  });

  it("a new request, a changed classification, new personal-data fields or an unrecorded approval keep the full chain", () => {
    expect(kinds(sensitive())).toEqual(["owner", "steward"]);
    expect(kinds(sensitive({ subscriptionId: "s1", approvedOn }, { classification: "restricted" }))).toEqual(["owner", "steward"]);
    expect(kinds(sensitive({ subscriptionId: "s1", approvedOn }, {}, ["orders.email", "orders.phone"]))).toEqual(["owner", "steward"]);
    expect(kinds(sensitive({ subscriptionId: "s1", approvedOn: null }))).toEqual(["owner", "steward"]);
    expect(approvalChain(sensitive({ subscriptionId: "s1", approvedOn }, { classification: "restricted" })).steps[1].reason).toMatch(/since the last approval the classification changed from confidential to restricted/);
  });

  it("fewer personal-data fields than before is no change that needs a steward", () => {
    expect(changesSinceApproval(sensitive(undefined, {}, []), approvedOn)).toEqual([]);
    expect(changesSinceApproval(sensitive(undefined, { containsPersonalData: true }, []), { ...approvedOn, containsPersonalData: false })).toEqual(["the product is now marked as containing personal data"]);
  });
});
