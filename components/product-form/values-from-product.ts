import type { DataProductDetail } from "@/lib/catalog/get-data-product";
import { rowKey, teamValue, type ProductFormValues } from "./form-model";

/** Form values prefilled from a product as getDataProduct returns it. */
export function valuesFromProduct(p: DataProductDetail): ProductFormValues {
  return {
    team: teamValue({ domainSlug: p.domain.slug, teamSlug: p.team.slug }),
    name: p.name,
    description: p.description,
    tags: p.tags,
    classification: p.classification,
    containsPersonalData: p.containsPersonalData,
    outputPorts: p.outputPorts.map((o) => ({ key: rowKey(), name: o.name, type: o.type, description: o.description, location: o.location ?? "", materializedFrom: o.materializedFrom ?? "" })),
    inputPorts: p.inputPorts.map((i) => ({
      key: rowKey(),
      name: i.name,
      description: i.description,
      upstream: i.from ? { urn: i.from.urn, name: i.from.name, domain: i.from.urn.split(":")[2] } : null,
      port: i.from?.port ?? "",
      hidden: !i.from,
    })),
  };
}
