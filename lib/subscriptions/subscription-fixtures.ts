import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createOwnedTeam, registerProduct, unique } from "@/lib/testing/fixtures";
import { ORDER_PROPERTIES, tableContractYaml, uniqueSchema, type Property } from "@/lib/testing/table-port-fixture";

type ProductOptions = {
  classification?: "public" | "internal" | "confidential" | "restricted";
  containsPersonalData?: boolean;
  type?: "table" | "kafka_topic";
  properties?: Property[];
  access?: { selfService?: boolean; maxDurationDays?: number; allowNoEnd?: boolean };
};

/** A published product of a fresh owning team (owner + member) with one output port `rows` (a table by default, with an active contract). */
export async function publishedProduct(admin: Actor, { classification = "internal", containsPersonalData = false, type = "table", properties = ORDER_PROPERTIES, access = {} }: ProductOptions = {}) {
  const producers = await createOwnedTeam(admin);
  const location = type === "table" ? `${uniqueSchema()}.orders` : `${unique("orders").toLowerCase()}.events`;
  const product = await registerProduct(producers.owner, { classification, containsPersonalData, outputPorts: [type === "table" ? { name: "rows", type, table: location } : { name: "rows", type, topic: location }] });
  const port = await db.port.update({ where: { dataProductId_name: { dataProductId: product.id, name: "rows" } }, data: access });
  if (type === "table") await submitContractVersion(producers.owner, port.id, { contract: tableContractYaml(location, "1.0.0", properties) });
  await changeProductStatus(producers.owner, product.id, { status: "published" });
  return { producers, product, port, location };
}

/** A consuming team: its owner and a plain member (the analyst). */
export const consumerTeam = createOwnedTeam;
