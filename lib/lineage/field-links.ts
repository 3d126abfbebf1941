import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { contractFields, currentContract } from "./contract-fields";

/** A port at the other end of a field's lineage, as a link target. */
export type LinkedPort = { id: string; name: string; type: string; productUrn: string; productName: string; domain: string; slug: string };

/** One field at the other end: where it came from (upstream) or who reads it (downstream), and by what evidence. */
export type FieldLink = {
  via: "descriptor" | "openlineage" | "materialization";
  field: string;
  /** The Meshwork port; null for an OpenLineage dataset that is not in the catalog (then `dataset` says which). */
  port: LinkedPort | null;
  dataset?: { namespace: string; name: string };
  job?: { namespace: string; name: string } | null;
};

/** `hiddenLinks`: the readers counted in `hidden`, for walking further downstream (never shown). */
export type FieldLinks = { links: Map<string, FieldLink[]>; hidden: Map<string, number>; hiddenLinks: { field: string; portId: string; readerField: string }[] };

type PortRow = { id: string; name: string; type: string; dataProduct: { urn: string; name: string; slug: string; teamId: string; status: string; domain: { slug: string } } };
const portSelect = { id: true, name: true, type: true, dataProduct: { select: { urn: true, name: true, slug: true, teamId: true, status: true, domain: { select: { slug: true } } } } } as const;

const linked = (p: PortRow): LinkedPort => ({ id: p.id, name: p.name, type: p.type, productUrn: p.dataProduct.urn, productName: p.dataProduct.name, domain: p.dataProduct.domain.slug, slug: p.dataProduct.slug });

function collector(actor: Actor) {
  const result: FieldLinks = { links: new Map(), hidden: new Map(), hiddenLinks: [] };
  const seen = new Set<string>();
  const add = (field: string, link: FieldLink, product: { teamId: string; status: string } | null) => {
    // A product the caller may not see is counted, never named.
    if (product && !canSeeProduct(actor, product)) {
      const key = `hidden|${field}|${link.port?.id}|${link.field}`;
      if (!seen.has(key)) {
        result.hidden.set(field, (result.hidden.get(field) ?? 0) + 1);
        if (link.port) result.hiddenLinks.push({ field, portId: link.port.id, readerField: link.field });
      }
      seen.add(key);
      return;
    }
    const key = `${field}|${link.via}|${link.port?.id ?? `${link.dataset?.namespace}/${link.dataset?.name}`}|${link.field}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.links.set(field, [...(result.links.get(field) ?? []), link]);
  };
  return { result, add };
}

/** The output ports of a product whose current contract has the field, for placing a descriptor mapping's output field. */
async function portsWithField(tx: Tx, productId: string, field: string, cache: Map<string, { port: PortRow; fields: Set<string> }[]>) {
  if (!cache.has(productId)) {
    const ports = await tx.port.findMany({ where: { dataProductId: productId, direction: "output" }, select: portSelect, orderBy: { createdAt: "asc" } });
    cache.set(productId, await Promise.all(ports.map(async (port) => ({ port, fields: new Set(contractFields((await currentContract(tx, port.id))?.document).map((f) => f.name)) }))));
  }
  const ports = cache.get(productId)!;
  const having = ports.filter((p) => p.fields.has(field));
  return having.length > 0 ? having.map((p) => p.port) : ports.slice(0, 1).map((p) => p.port);
}

/** Who reads each of the port's fields: descriptor mappings of input ports reading it, OpenLineage column lineage, and tables materialized from it. */
export async function downstreamFieldLinks(tx: Tx, actor: Actor, portId: string, fields: string[]): Promise<FieldLinks> {
  const { result, add } = collector(actor);
  if (fields.length === 0) return result;
  const cache = new Map<string, { port: PortRow; fields: Set<string> }[]>();
  const mappings = await tx.portFieldMapping.findMany({
    where: { inputField: { in: fields }, inputPort: { upstreamPortId: portId } },
    include: { inputPort: { select: { dataProductId: true, dataProduct: { select: { teamId: true, status: true } } } } },
    orderBy: [{ outputField: "asc" }],
  });
  for (const m of mappings) {
    for (const port of await portsWithField(tx, m.inputPort.dataProductId, m.outputField, cache)) {
      add(m.inputField, { via: "descriptor", field: m.outputField, port: linked(port) }, m.inputPort.dataProduct);
    }
  }
  const columns = await tx.lineageColumn.findMany({
    where: { inputField: { in: fields }, inputDataset: { portId } },
    include: { outputDataset: { include: { port: { select: portSelect } } }, job: { select: { namespace: true, name: true } } },
  });
  for (const c of columns) {
    const port = c.outputDataset.port;
    add(c.inputField, { via: "openlineage", field: c.outputField, port: port ? linked(port) : null, dataset: { namespace: c.outputDataset.namespace, name: c.outputDataset.name }, job: c.job }, port?.dataProduct ?? null);
  }
  const tables = await tx.port.findMany({ where: { sourcePortId: portId }, select: portSelect });
  for (const table of tables) {
    const tableFields = new Set(contractFields((await currentContract(tx, table.id))?.document).map((f) => f.name));
    for (const field of fields) if (tableFields.has(field)) add(field, { via: "materialization", field, port: linked(table) }, table.dataProduct);
  }
  return result;
}

/** A field read at `hops` from the changed one: 1 reads it directly, n + 1 reads a field read at n. */
export type FieldReader = FieldLink & { hops: number };

/** Far enough for any real mesh; the walk ends earlier once it reaches no new field (cycles end there too). */
const MAX_FIELD_HOPS = 50;

/**
 * Who reads each of the port's fields however far downstream: the fields reading it, the fields reading those, and so
 * on, through descriptor mappings, OpenLineage column lineage and materialized tables. Readers in products the caller
 * may not see are counted, never named, and the walk goes on through them.
 */
export async function downstreamFieldReaders(tx: Tx, actor: Actor, portId: string, fields: string[]): Promise<{ links: Map<string, FieldReader[]>; hidden: Map<string, number> }> {
  const links = new Map(fields.map((f) => [f, [] as FieldReader[]]));
  const hidden = new Map<string, number>();
  // Each step of the walk remembers the changed field it started from (`origin`); one lookup per port per hop.
  type Step = { origin: string; portId: string; field: string };
  const walked = new Set(fields.map((f) => `${f}|${portId}|${f}`));
  const listed = new Set<string>();
  let frontier: Step[] = fields.map((f) => ({ origin: f, portId, field: f }));
  for (let hops = 1; frontier.length > 0 && hops <= MAX_FIELD_HOPS; hops++) {
    const next: Step[] = [];
    const walk = (origin: string, at: string, field: string) => {
      if (walked.has(`${origin}|${at}|${field}`)) return false;
      walked.add(`${origin}|${at}|${field}`);
      next.push({ origin, portId: at, field });
      return true;
    };
    const byPort = new Map<string, Step[]>();
    for (const step of frontier) {
      const steps = byPort.get(step.portId);
      if (steps) steps.push(step);
      else byPort.set(step.portId, [step]);
    }
    for (const [at, steps] of byPort) {
      const found = await downstreamFieldLinks(tx, actor, at, [...new Set(steps.map((s) => s.field))]);
      for (const { origin, field } of steps) {
        for (const link of found.links.get(field) ?? []) {
          // A cycle back to the changed field itself ends there.
          if (link.port?.id === portId && link.field === origin) continue;
          // Each reader once per way it reads (a field both mapped and in column lineage shows both), at its fewest hops.
          const key = `${origin}|${link.port?.id ?? `${link.dataset?.namespace}/${link.dataset?.name}`}|${link.field}|${link.via}`;
          if (!listed.has(key)) links.get(origin)!.push({ ...link, hops });
          listed.add(key);
          if (link.port) walk(origin, link.port.id, link.field);
        }
        for (const h of found.hiddenLinks) if (h.field === field && walk(origin, h.portId, h.readerField)) hidden.set(origin, (hidden.get(origin) ?? 0) + 1);
      }
    }
    frontier = next;
  }
  return { links, hidden };
}

/** Where each of the port's fields comes from: the product's input-port mappings, OpenLineage column lineage, and the topic a table is materialized from. */
export async function upstreamFieldLinks(tx: Tx, actor: Actor, port: { id: string; dataProductId: string; sourcePortId: string | null }, fields: string[]): Promise<FieldLinks> {
  const { result, add } = collector(actor);
  if (fields.length === 0) return result;
  const mappings = await tx.portFieldMapping.findMany({
    where: { outputField: { in: fields }, inputPort: { dataProductId: port.dataProductId } },
    include: { inputPort: { select: { upstreamPort: { select: portSelect } } } },
    orderBy: [{ outputField: "asc" }, { position: "asc" }],
  });
  for (const m of mappings) {
    const upstream = m.inputPort.upstreamPort;
    if (upstream) add(m.outputField, { via: "descriptor", field: m.inputField, port: linked(upstream) }, upstream.dataProduct);
  }
  const columns = await tx.lineageColumn.findMany({
    where: { outputField: { in: fields }, outputDataset: { portId: port.id } },
    include: { inputDataset: { include: { port: { select: portSelect } } }, job: { select: { namespace: true, name: true } } },
  });
  for (const c of columns) {
    const source = c.inputDataset.port;
    add(c.outputField, { via: "openlineage", field: c.inputField, port: source ? linked(source) : null, dataset: { namespace: c.inputDataset.namespace, name: c.inputDataset.name }, job: c.job }, source?.dataProduct ?? null);
  }
  if (port.sourcePortId) {
    const source = await tx.port.findUnique({ where: { id: port.sourcePortId }, select: portSelect });
    const sourceFields = new Set(contractFields((await currentContract(tx, port.sourcePortId))?.document).map((f) => f.name));
    if (source) for (const field of fields) if (sourceFields.has(field)) add(field, { via: "materialization", field, port: linked(source) }, source.dataProduct);
  }
  return result;
}
