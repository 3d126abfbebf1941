import { describe, expect, it } from "vitest";
import { approvalChain, type PolicyFacts } from "./access-policy";
import { personalDataFields } from "./personal-data-fields";

const facts = (overrides: { product?: Partial<PolicyFacts["product"]>; port?: Partial<PolicyFacts["port"]> } & Partial<Omit<PolicyFacts, "product" | "port">> = {}): PolicyFacts => ({
  consumerTeamId: "consumer",
  otherOwnerCount: 2,
  personalDataFields: [],
  ...overrides,
  product: { urn: "urn:meshwork:sales:orders", classification: "internal", containsPersonalData: false, teamId: "owners", teamName: "Order Platform", ...overrides.product },
  port: { name: "rows", selfService: true, ...overrides.port },
});

const kinds = (f: PolicyFacts) => approvalChain(f).steps.map((s) => s.kind);

describe("access policy", () => {
  it("approves public and internal products on a self-service port at once", () => {
    expect(kinds(facts())).toEqual([]);
    expect(kinds(facts({ product: { classification: "public" } }))).toEqual([]);
    expect(approvalChain(facts()).rationale).toMatch(/self-service/);
  });

  it("asks the owning team when the port is not self-service", () => {
    const chain = approvalChain(facts({ port: { selfService: false } }));
    expect(chain.steps).toEqual([{ kind: "owner", teamId: "owners", reason: expect.stringMatching(/does not allow self-service/) }]);
  });

  it("adds a steward for confidential, restricted and personal data, even on a self-service port", () => {
    expect(kinds(facts({ product: { classification: "confidential" } }))).toEqual(["owner", "steward"]);
    expect(kinds(facts({ product: { classification: "restricted" } }))).toEqual(["owner", "steward"]);
    expect(kinds(facts({ product: { containsPersonalData: true } }))).toEqual(["owner", "steward"]);
    const contract = approvalChain(facts({ personalDataFields: ["orders.email"] }));
    expect(contract.steps.map((s) => s.kind)).toEqual(["owner", "steward"]);
    expect(contract.steps[1].reason).toMatch(/marks personal data \(orders\.email\)/);
  });

  it("approves the owning team's own request at once, whatever the product", () => {
    expect(kinds(facts({ consumerTeamId: "owners", product: { classification: "restricted", containsPersonalData: true } }))).toEqual([]);
  });

  it("lets stewards decide for a team without another owner, in one step", () => {
    expect(approvalChain(facts({ otherOwnerCount: 0, port: { selfService: false } })).steps).toEqual([{ kind: "steward", reason: expect.stringMatching(/no owner who could decide/) }]);
    const sensitive = approvalChain(facts({ otherOwnerCount: 0, product: { classification: "restricted" } }));
    expect(sensitive.steps).toHaveLength(1);
    expect(sensitive.steps[0].reason).toMatch(/no owner.*restricted/);
  });

  it("says why in the rationale, step by step", () => {
    const { rationale } = approvalChain(facts({ product: { containsPersonalData: true } }));
    expect(rationale).toMatch(/^1\. An owner of Order Platform: .*2\. A governance steward: .*contains personal data/);
  });
});

describe("personal-data fields of a contract", () => {
  it("finds properties classified or tagged as personal data, nested and in arrays", () => {
    const document = {
      schema: [
        {
          name: "customers",
          properties: [
            { name: "id" },
            { name: "email", classification: "PII" },
            { name: "address", logicalType: "object", properties: [{ name: "street", tags: ["personal-data"] }] },
            { name: "phones", logicalType: "array", items: { classification: "pii" } },
            { name: "segment", classification: "internal", tags: ["marketing"] },
          ],
        },
        { name: "audit", tags: ["GDPR"] },
      ],
    };
    expect(personalDataFields(document)).toEqual(["customers.email", "customers.address.street", "customers.phones[]", "audit"]);
  });

  it("finds nothing in a contract without marks, or in no contract", () => {
    expect(personalDataFields({ schema: [{ name: "t", properties: [{ name: "a", classification: "public" }] }] })).toEqual([]);
    expect(personalDataFields(null)).toEqual([]);
    expect(personalDataFields({ schema: "nonsense" })).toEqual([]);
  });
});
