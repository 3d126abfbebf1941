import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { findProductOrThrow } from "@/lib/catalog/find-product-or-throw";
import { diffContracts, type ContractChange } from "@/lib/contracts/diff-contracts";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { evaluateContractVersion } from "@/lib/contracts/evaluate-contract-version";
import { ContractCheck } from "@/lib/contracts/contract-input";
import { notFound, validationFailed } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { contractFields, currentContract } from "./contract-fields";
import { downstreamFieldReaders, type FieldReader, type LinkedPort } from "./field-links";

type ImpactPort = { id: string; name: string; type: string; dataProductId: string; dataProduct: { urn: string; name: string; slug: string; teamId: string; status: string; domain: { slug: string } } };

/** A change to one field that can break whoever reads it: `readBy` the fields reading it, however far downstream. */
export type FieldChange = { field: string; kind: "field-removed" | "field-renamed" | "type-changed" | "physical-type-changed" | "object-removed" | "port-withdrawn"; message: string; readBy: FieldReader[]; hiddenReaders: number };

/** `hops`: 1 for what reads the changed port (or a table materialized from it), n + 1 for what reads a product reached at n. */
export type DownstreamPort = LinkedPort & { via: "input-port" | "openlineage" | "materialization"; hops: number; job?: { namespace: string; name: string } };

/** Far enough for any real mesh; the walk stops earlier once no new product is reached (cycles end there too). */
const MAX_IMPACT_HOPS = 50;

const FIELD_KINDS = new Set(["field-removed", "field-renamed", "type-changed", "physical-type-changed"]);

const portSelect = { id: true, name: true, type: true, dataProductId: true, dataProduct: { select: { urn: true, name: true, slug: true, teamId: true, status: true, domain: { select: { slug: true } }, team: { select: { name: true } } } } } as const;

/** The field name a change is about in the version consumers read now (a rename's old name). */
function oldFieldName(change: ContractChange): string {
  if (change.kind !== "field-renamed" || typeof change.after !== "string" || typeof change.before !== "string" || !change.field) return change.field ?? "";
  return change.field.slice(0, change.field.length - change.after.length) + change.before;
}

/** Field changes that can break a reader: removed, renamed, retyped (a physical type narrowed), whole objects removed. */
function breakingFieldChanges(changes: ContractChange[], active: unknown): Omit<FieldChange, "readBy" | "hiddenReaders">[] {
  const out: Omit<FieldChange, "readBy" | "hiddenReaders">[] = [];
  const objects = (active as OdcsContract | null)?.schema ?? [];
  for (const change of changes) {
    if (FIELD_KINDS.has(change.kind) && change.breaking && change.field) out.push({ field: oldFieldName(change), kind: change.kind as FieldChange["kind"], message: change.message });
    if (change.kind === "object-removed") {
      const prefix = objects.length > 1 ? `${change.before}.` : "";
      for (const f of contractFields(active)) if (f.name.startsWith(prefix)) out.push({ field: f.name, kind: "object-removed", message: `${change.message}, with field "${f.name}"` });
    }
  }
  return out;
}

/** One hop downstream: input ports and OpenLineage jobs reading these ports (or any output port of these products), and the teams subscribed to them. */
async function readersOf(tx: Tx, from: { ports: string[] } | { products: string[] }) {
  const read = "ports" in from ? { id: { in: from.ports } } : { dataProductId: { in: from.products }, direction: "output" as const };
  const [inputPorts, jobs, subscriptions] = [
    await tx.port.findMany({ where: { direction: "input", upstreamPort: read }, select: portSelect }),
    await tx.lineageJobDataset.findMany({
      where: { direction: "input", dataset: { port: read } },
      select: { job: { select: { namespace: true, name: true, datasets: { where: { direction: "output" }, select: { dataset: { select: { port: { select: portSelect } } } } } } } },
    }),
    await tx.subscription.findMany({
      where: { port: read, state: { in: ["active", "provisioning"] } },
      select: { consumerTeam: { select: { id: true, slug: true, name: true, domain: { select: { slug: true } } } } },
      orderBy: { consumerTeam: { name: "asc" } },
    }),
  ];
  return { inputPorts, jobs, subscriptions };
}

/**
 * What a change to a port reaches: the ports and products downstream (input ports reading it, tables materialized
 * from it and what reads those, OpenLineage jobs reading it and the ports they write), the teams subscribed, and —
 * where field lineage exists — which downstream fields read each removed, renamed or retyped field. `proposed` null
 * means the port goes away (a deprecation): every field counts as withdrawn. Hidden products are counted, not named.
 */
export async function portImpact(tx: Tx, actor: Actor, port: ImpactPort, proposed: unknown | null, { activeDocument }: { activeDocument?: unknown } = {}) {
  const active = activeDocument ?? (await currentContract(tx, port.id))?.document ?? null;
  const changes = proposed === null ? [] : active ? diffContracts(active as OdcsContract, proposed as OdcsContract) : [];
  const fieldChanges =
    proposed === null
      ? contractFields(active).map((f) => ({ field: f.name, kind: "port-withdrawn" as const, message: `field "${f.name}" goes away with the port` }))
      : breakingFieldChanges(changes, active);
  const readers = await downstreamFieldReaders(tx, actor, port.id, [...new Set(fieldChanges.map((c) => c.field))]);
  const fields: FieldChange[] = fieldChanges.map((c) => ({ ...c, readBy: readers.links.get(c.field) ?? [], hiddenReaders: readers.hidden.get(c.field) ?? 0 }));

  // The port and the tables materialized from it carry the same data: whoever reads either is reached, one hop away;
  // whoever reads a product reached at n hops is reached at n + 1 (without field lineage, any of its outputs may carry
  // the change). The walk goes through products the caller may not see, which are counted, never named.
  const materialized = await tx.port.findMany({ where: { sourcePortId: port.id }, select: portSelect });
  const hiddenProducts = new Set<string>();
  const products = new Map<string, { urn: string; name: string; domain: string; slug: string; team: string; hops: number }>();
  const ports: DownstreamPort[] = [];
  // Each port once per way it is reached (the walk can reach hundreds: a set, not a scan of the list).
  const listed = new Set<string>();
  const teams = new Map<string, { id: string; slug: string; name: string; domain: string; hops: number }>();
  const seen = new Set<string>([port.dataProductId]);
  let frontier: string[] = [];
  const reach = (p: (typeof materialized)[number], hops: number, via: DownstreamPort["via"], job?: { namespace: string; name: string }) => {
    // A cycle back into the changed product ends the walk there.
    if (p.dataProductId === port.dataProductId && via !== "materialization") return;
    if (p.dataProductId !== port.dataProductId && !seen.has(p.dataProductId)) {
      seen.add(p.dataProductId);
      frontier.push(p.dataProductId);
    }
    if (!canSeeProduct(actor, p.dataProduct)) {
      hiddenProducts.add(p.dataProductId);
      return;
    }
    if (listed.has(`${p.id}:${via}`)) return;
    listed.add(`${p.id}:${via}`);
    ports.push({ id: p.id, name: p.name, type: p.type, productUrn: p.dataProduct.urn, productName: p.dataProduct.name, domain: p.dataProduct.domain.slug, slug: p.dataProduct.slug, via, hops, ...(job ? { job } : {}) });
    if (p.dataProductId !== port.dataProductId && !products.has(p.dataProductId))
      products.set(p.dataProductId, { urn: p.dataProduct.urn, name: p.dataProduct.name, domain: p.dataProduct.domain.slug, slug: p.dataProduct.slug, team: p.dataProduct.team.name, hops });
  };
  materialized.forEach((m) => reach(m, 1, "materialization"));
  let from: { ports: string[] } | { products: string[] } = { ports: [port.id, ...materialized.map((m) => m.id)] };
  for (let hops = 1; hops <= MAX_IMPACT_HOPS; hops++) {
    frontier = [];
    const found = await readersOf(tx, from);
    found.inputPorts.forEach((r) => reach(r, hops, "input-port"));
    for (const { job } of found.jobs) for (const { dataset } of job.datasets) if (dataset.port && dataset.port.id !== port.id) reach(dataset.port, hops, "openlineage", { namespace: job.namespace, name: job.name });
    for (const { consumerTeam: t } of found.subscriptions) if (!teams.has(t.id)) teams.set(t.id, { id: t.id, slug: t.slug, name: t.name, domain: t.domain.slug, hops });
    if (frontier.length === 0) break;
    from = { products: frontier };
  }

  const breaking = proposed === null || changes.some((c) => c.breaking);
  const reached = products.size + hiddenProducts.size + teams.size;
  const fieldReads = fields.reduce((n, f) => n + f.readBy.length + f.hiddenReaders, 0);
  const impacted = breaking && (reached > 0 || fieldReads > 0);
  return {
    port: { id: port.id, name: port.name, type: port.type, productUrn: port.dataProduct.urn, productName: port.dataProduct.name },
    breaking,
    impacted,
    summary: impactSummary({ breaking, proposed, products: [...products.values()], hidden: hiddenProducts.size, teams: teams.size, fieldReads }),
    fields,
    downstream: { ports, products: [...products.values()], teams: [...teams.values()], hiddenProducts: hiddenProducts.size },
  };
}

export type PortImpact = Awaited<ReturnType<typeof portImpact>>;

/** `products`: the visible products reached; those more than one hop away are noted as further downstream. */
function impactSummary({ breaking, proposed, products: reached, hidden, teams, fieldReads }: { breaking: boolean; proposed: unknown; products: { hops: number }[]; hidden: number; teams: number; fieldReads: number }): string {
  const products = reached.length;
  const further = reached.filter((p) => p.hops > 1).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const notes = [hidden > 0 ? `${hidden} you cannot see` : "", further > 0 ? `${further} further downstream` : ""].filter(Boolean).join(", ");
  const who = [products + hidden > 0 ? plural(products + hidden, "downstream product") + (notes ? ` (${notes})` : "") : "", teams > 0 ? plural(teams, "subscribing team") : ""].filter(Boolean).join(" and ");
  if (!breaking) return who ? `No breaking change; it reaches ${who}.` : "No breaking change, and nothing reads this port yet.";
  if (!who && fieldReads === 0) return proposed === null ? "Nothing reads this port." : "Breaking, but nothing reads this port yet.";
  return `${proposed === null ? "Withdrawing this port" : "This change"} reaches ${who || "downstream fields"}${fieldReads > 0 ? `; ${plural(fieldReads, "downstream field")} read${fieldReads === 1 ? "s" : ""} ${proposed === null ? "its fields" : "a changed field"}` : ""}.`;
}

function requirePortRef(value: unknown, name: string): string {
  if (typeof value !== "string" || !value.trim() || value.length > 500 || value.includes("\u0000")) throw validationFailed(`Name the ${name}.`, [{ path: name, message: "required: an id or URN" }]);
  return value;
}

/** GET /lineage/impact: `port` with `contract` (a version id or number of that port, compared with the active one), or without it the port withdrawn; or `product`: all its output ports withdrawn (the deprecate dialog). */
export async function getImpact(actor: Actor, query: { port?: unknown; contract?: unknown; product?: unknown }) {
  return db.$transaction(async (tx) => {
    if (query.product !== undefined && query.product !== null && query.port == null) {
      const product = await findProductOrThrow(actor, requirePortRef(query.product, "product"), tx);
      const ports = await tx.port.findMany({ where: { dataProductId: product.id, direction: "output" }, select: portSelect, orderBy: { createdAt: "asc" } });
      return productImpact(await Promise.all(ports.map((p) => portImpact(tx, actor, p, null))));
    }
    const port = await findOutputPortOrThrow(actor, requirePortRef(query.port, "port"), tx);
    if (query.contract === undefined || query.contract === null || query.contract === "") return portImpact(tx, actor, port, null);
    const ref = requirePortRef(query.contract, "contract");
    const version = await tx.contractVersion.findFirst({ where: { portId: port.id, ...(isUuid(ref) ? { id: ref } : { version: ref }) }, select: { document: true } });
    if (!version) throw notFound(`Contract version ${ref} of this port`);
    return portImpact(tx, actor, port, version.document);
  });
}

/** POST /lineage/impact: a proposed contract, as sent to /contracts/check; nothing is saved. */
export async function checkImpact(actor: Actor, input: unknown) {
  const { port: ref, ...submission } = parseInput(ContractCheck, input, "Impact check");
  return db.$transaction(async (tx) => {
    const port = await findOutputPortOrThrow(actor, ref, tx);
    const evaluation = await evaluateContractVersion(tx, port, submission);
    if (evaluation.outcome === "invalid") throw validationFailed("The contract is invalid, so its impact cannot be worked out.", evaluation.errors);
    return portImpact(tx, actor, port, evaluation.document);
  });
}

/** The impact of withdrawing all of a product's output ports, merged. */
function productImpact(impacts: PortImpact[]) {
  const products = new Map<string, PortImpact["downstream"]["products"][number]>();
  const teams = new Map<string, PortImpact["downstream"]["teams"][number]>();
  // A product or team reached from several ports, at its fewest hops.
  for (const i of impacts) {
    i.downstream.products.forEach((p) => (products.get(p.urn)?.hops ?? Infinity) > p.hops && products.set(p.urn, p));
    i.downstream.teams.forEach((t) => (teams.get(t.id)?.hops ?? Infinity) > t.hops && teams.set(t.id, t));
  }
  const hiddenProducts = Math.max(0, ...impacts.map((i) => i.downstream.hiddenProducts));
  // Each port's fields, named `<port>.<field>` when the product has several output ports.
  const fields = impacts.flatMap((i) => i.fields.map((f) => ({ ...f, field: impacts.length > 1 ? `${i.port.name}.${f.field}` : f.field })));
  const fieldReads = fields.reduce((n, f) => n + f.readBy.length + f.hiddenReaders, 0);
  return {
    impacted: impacts.some((i) => i.impacted),
    summary: impactSummary({ breaking: true, proposed: null, products: [...products.values()], hidden: hiddenProducts, teams: teams.size, fieldReads }).replace("Withdrawing this port", "Deprecating this product").replace("Nothing reads this port.", "Nothing reads this product."),
    fields,
    ports: impacts,
    downstream: { products: [...products.values()], teams: [...teams.values()], hiddenProducts },
  };
}

export type ProductImpact = ReturnType<typeof productImpact>;
