import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { validationFailed } from "@/lib/errors";
import { contractFields, currentContract } from "./contract-fields";
import { downstreamFieldLinks, upstreamFieldLinks } from "./field-links";

/**
 * Field-level lineage of an output port: for each field of its current contract, the upstream fields it comes from
 * and the downstream fields that read it — from descriptor mappings (inputPorts[].fields), OpenLineage column lineage
 * and materialization (a table has its topic's fields). Products the caller may not see are counted, not named.
 */
export async function getFieldLineage(actor: Actor, portRef: unknown) {
  if (typeof portRef !== "string" || !portRef.trim() || portRef.length > 500 || portRef.includes("\u0000")) {
    throw validationFailed("Name the output port: ?port=<id or urn:meshwork:<domain>:<product>:<port>>.", [{ path: "port", message: "required: an output port id or URN" }]);
  }
  return db.$transaction(async (tx) => {
    const port = await findOutputPortOrThrow(actor, portRef, tx);
    const contract = await currentContract(tx, port.id);
    const fields = contractFields(contract?.document);
    const names = fields.map((f) => f.name);
    const [from, to] = await Promise.all([upstreamFieldLinks(tx, actor, port, names), downstreamFieldLinks(tx, actor, port.id, names)]);
    return {
      port: { id: port.id, name: port.name, type: port.type, productUrn: port.dataProduct.urn, productName: port.dataProduct.name, domain: port.dataProduct.domain.slug, slug: port.dataProduct.slug },
      contract: contract ? { id: contract.id, version: contract.version, status: contract.status } : null,
      fields: fields.map((f) => ({
        ...f,
        from: from.links.get(f.name) ?? [],
        to: to.links.get(f.name) ?? [],
        hiddenFrom: from.hidden.get(f.name) ?? 0,
        hiddenTo: to.hidden.get(f.name) ?? 0,
      })),
    };
  });
}

export type FieldLineage = Awaited<ReturnType<typeof getFieldLineage>>;
