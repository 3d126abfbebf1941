import type { Tx } from "@/lib/db";
import type { OdcsContract, SchemaItem, SchemaProperty } from "@/lib/contracts/contract-types";
import { logicalTypeOf } from "@/lib/contracts/logical-type-of";

export type ContractField = { name: string; logicalType: string; physicalType: string | null; description: string };

/**
 * The fields of a contract, named as the contract diff names them (lib/contracts/diff-properties.ts): `customer_id`,
 * nested `address.city`, array elements `lines[].sku`, and `<object>.<field>` when the contract has several objects.
 */
export function contractFields(document: unknown): ContractField[] {
  const objects = (document as OdcsContract | null)?.schema ?? [];
  const qualified = objects.length > 1;
  const out: ContractField[] = [];
  const walk = (properties: SchemaProperty[] | null | undefined, prefix: string) => {
    for (const property of properties ?? []) {
      if (!property || typeof property.name !== "string") continue;
      const name = `${prefix}${property.name}`;
      out.push(fieldOf(name, property));
      walk(property.properties, `${name}.`);
      if (property.items) walk((property.items as SchemaItem).properties, `${name}[].`);
    }
  };
  for (const object of objects) walk(object.properties, qualified ? `${object.name}.` : "");
  return out;
}

const fieldOf = (name: string, property: SchemaItem): ContractField => ({ name, logicalType: logicalTypeOf(property), physicalType: property.physicalType ?? null, description: property.description ?? "" });

/** The contract a port is read by: its active version, else its newest one that is not rejected; null when none. */
export async function currentContract(tx: Tx, portId: string): Promise<{ id: string; version: string; status: string; document: unknown } | null> {
  const versions = await tx.contractVersion.findMany({
    where: { portId, status: { not: "rejected" } },
    select: { id: true, version: true, status: true, document: true },
    orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
  });
  return versions.find((v) => v.status === "active") ?? versions[0] ?? null;
}
