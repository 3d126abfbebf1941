import type { Tx } from "@/lib/db";
import type { PolicyFacts } from "./access-policy";
import { personalDataFields } from "./personal-data-fields";

type PortForPolicy = {
  id: string;
  name: string;
  selfService: boolean;
  dataProduct: { urn: string; classification: PolicyFacts["product"]["classification"]; containsPersonalData: boolean; teamId: string; team: { name: string } };
};

/** What the access policy decides on, read in the caller's transaction. */
export async function loadPolicyFacts(tx: Tx, port: PortForPolicy, consumerTeamId: string, requesterId: string): Promise<PolicyFacts> {
  const [active, otherOwnerCount] = await Promise.all([
    tx.contractVersion.findFirst({ where: { portId: port.id, status: "active" }, select: { document: true } }),
    tx.teamMembership.count({ where: { teamId: port.dataProduct.teamId, role: "owner", userId: { not: requesterId } } }),
  ]);
  const product = port.dataProduct;
  return {
    product: { urn: product.urn, classification: product.classification, containsPersonalData: product.containsPersonalData, teamId: product.teamId, teamName: product.team.name },
    port: { name: port.name, selfService: port.selfService },
    consumerTeamId,
    otherOwnerCount,
    personalDataFields: active ? personalDataFields(active.document) : [],
  };
}
