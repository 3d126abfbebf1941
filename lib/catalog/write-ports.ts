import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { isAdmin } from "@/lib/auth/permissions";
import { conflict, isUniqueViolation, validationFailed, type ErrorDetail } from "@/lib/errors";
import { writeFieldMappings } from "@/lib/lineage/write-field-mappings";
import type { InputPort, OutputPort } from "./product-input";

type ResolvedInput = InputPort & { upstreamPortId: string; type: "kafka_topic" | "table" };

/** Checks port names and references; resolves each input port to the upstream output port it reads. */
async function resolvePorts(tx: Tx, actor: Actor, productId: string, outputs: OutputPort[], inputs: InputPort[]): Promise<ResolvedInput[]> {
  const details: ErrorDetail[] = [];
  const seen = new Map<string, string>();
  outputs.forEach((p, i) => {
    if (seen.has(p.name)) details.push({ path: `outputPorts[${i}].name`, message: `port name "${p.name}" is used twice` });
    seen.set(p.name, p.type);
  });
  inputs.forEach((p, i) => {
    if (seen.has(p.name)) details.push({ path: `inputPorts[${i}].name`, message: `port name "${p.name}" is used twice` });
    seen.set(p.name, "input");
  });
  outputs.forEach((p, i) => {
    if (p.type === "table" && p.materializedFrom && seen.get(p.materializedFrom) !== "kafka_topic") {
      details.push({ path: `outputPorts[${i}].materializedFrom`, message: `"${p.materializedFrom}" is not a kafka_topic output port of this product` });
    }
  });
  const resolved: ResolvedInput[] = [];
  for (const [i, p] of inputs.entries()) {
    const upstream = await tx.port.findFirst({
      where: { name: p.from.port, direction: "output", dataProduct: { urn: p.from.product } },
      include: { dataProduct: { select: { id: true, teamId: true, status: true } } },
    });
    if (!upstream || !canSeeProduct(actor, upstream.dataProduct)) {
      details.push({ path: `inputPorts[${i}].from`, message: `no output port "${p.from.port}" on ${p.from.product}` });
    } else if (upstream.dataProduct.id === productId) {
      details.push({ path: `inputPorts[${i}].from`, message: "a product cannot read from its own output port" });
    } else if (upstream.dataProduct.status === "retired") {
      details.push({ path: `inputPorts[${i}].from`, message: `${p.from.product} is retired` });
    } else {
      resolved.push({ ...p, upstreamPortId: upstream.id, type: upstream.type });
    }
  }
  if (details.length > 0) throw validationFailed(`The ports have ${details.length} error${details.length === 1 ? "" : "s"}.`, details);
  return resolved;
}

const location = (p: OutputPort) => (p.type === "kafka_topic" ? p.topic : p.table);
const locationField = (p: OutputPort) => (p.type === "kafka_topic" ? "topic" : "table");
const what = (p: OutputPort) => (p.type === "kafka_topic" ? "Topic" : "Table");

/**
 * A topic and a table location (case-insensitively) belong to one output port across the mesh (the unique index
 * port_output_location_key backs this up). A topic whose registry subjects have live versions but no port is the
 * admins': only an admin may declare a port on it. Ports of this product that already carry a location keep it.
 */
async function checkLocations(tx: Tx, actor: Actor, productId: string, outputs: OutputPort[]): Promise<void> {
  const details: ErrorDetail[] = [];
  const holders = new Set<string>();
  const seen = new Map<string, number>();
  outputs.forEach((p, i) => {
    const key = `${p.type}:${location(p).toLowerCase()}`;
    if (seen.has(key)) details.push({ path: `outputPorts[${i}].${locationField(p)}`, message: `${location(p)} is also outputPorts[${seen.get(key)}]'s ${locationField(p)}` });
    else seen.set(key, i);
  });
  for (const [i, p] of outputs.entries()) {
    const [holder] = await tx.$queryRaw<{ urn: string; name: string; own: boolean }[]>`
      SELECT d.urn, port.name, port.data_product_id = ${productId}::uuid AS own FROM port JOIN data_product d ON d.id = port.data_product_id
      WHERE port.direction = 'output' AND port.type = ${p.type}::"PortType" AND port.location IS NOT NULL AND lower(port.location) = lower(${location(p)})`;
    if (holder && !holder.own) {
      holders.add(holder.urn);
      details.push({ path: `outputPorts[${i}].${locationField(p)}`, message: `${location(p)} is output port "${holder.name}" of ${holder.urn}` });
      continue;
    }
    if (holder || p.type !== "kafka_topic" || isAdmin(actor)) continue;
    const subjects = await tx.$queryRaw<{ subject: string }[]>`
      SELECT DISTINCT subject FROM registry_subject_version
      WHERE NOT deleted AND lower(subject) IN (lower(${p.topic}) || '-value', lower(${p.topic}) || '-key') ORDER BY subject`;
    if (subjects.length > 0) {
      const names = subjects.map((s) => s.subject).join(", ");
      details.push({ path: `outputPorts[${i}].topic`, message: `the schema registry holds live versions of ${names}, which belong to no data product; only a platform admin can give the topic to a port` });
    }
  }
  if (details.length === 0) return;
  const first = outputs[Number(/^outputPorts\[(\d+)\]/.exec(details[0].path)?.[1] ?? 0)];
  throw conflict(
    holders.size > 0
      ? `${what(first)} ${location(first)} already belongs to ${[...holders].join(", ")}; a topic or table is the output of one port only.`
      : `${what(first)} ${location(first)} cannot be declared: ${details[0].message}.`,
    details,
  );
}

/** Makes the product's ports match the given lists: output ports are kept by name, input ports replaced. */
export async function writePorts(tx: Tx, actor: Actor, productId: string, outputs: OutputPort[], inputs: InputPort[]): Promise<void> {
  const resolvedInputs = await resolvePorts(tx, actor, productId, outputs, inputs);
  const existing = await tx.port.findMany({
    where: { dataProductId: productId, direction: "output" },
    include: { downstreamPorts: { include: { dataProduct: { select: { urn: true } } } } },
  });
  const keep = new Set(outputs.map((p) => p.name));
  const removed = existing.filter((p) => !keep.has(p.name));
  const stillRead = removed.filter((p) => p.downstreamPorts.length > 0);
  if (stillRead.length > 0) {
    throw conflict(
      "Output ports that other products read from cannot be removed.",
      stillRead.map((p) => ({ path: `outputPorts.${p.name}`, message: `read by ${p.downstreamPorts.map((d) => d.dataProduct.urn).join(", ")}` })),
    );
  }
  await tx.port.deleteMany({ where: { id: { in: removed.map((p) => p.id) } } });
  await tx.port.deleteMany({ where: { dataProductId: productId, direction: "input" } });
  await checkLocations(tx, actor, productId, outputs);
  // Ports of one product may swap locations: clear them first, so the unique index never sees a location twice mid-way.
  await tx.port.updateMany({ where: { dataProductId: productId, direction: "output" }, data: { location: null } });

  const ids = new Map<string, string>();
  for (const [i, p] of outputs.entries()) {
    const data = { type: p.type, description: p.description, location: location(p), sourcePortId: null };
    const row = await tx.port
      .upsert({
        where: { dataProductId_name: { dataProductId: productId, name: p.name } },
        update: data,
        create: { ...data, dataProductId: productId, name: p.name, direction: "output" },
      })
      .catch((error: unknown) => {
        // Another product took the location between the check and this write.
        if (isUniqueViolation(error)) throw conflict(`${what(p)} ${location(p)} was just taken by another data product.`, [{ path: `outputPorts[${i}].${locationField(p)}`, message: "already taken" }]);
        throw error;
      });
    ids.set(p.name, row.id);
  }
  for (const p of outputs) {
    if (p.type === "table" && p.materializedFrom) {
      await tx.port.update({ where: { id: ids.get(p.name)! }, data: { sourcePortId: ids.get(p.materializedFrom)! } });
    }
  }
  if (resolvedInputs.length > 0) {
    const created = await tx.port.createManyAndReturn({
      data: resolvedInputs.map((p) => ({ dataProductId: productId, name: p.name, description: p.description, direction: "input" as const, type: p.type, upstreamPortId: p.upstreamPortId })),
      select: { id: true, name: true },
    });
    const idOf = new Map(created.map((c) => [c.name, c.id]));
    await writeFieldMappings(tx, productId, resolvedInputs.map((p) => ({ index: inputs.findIndex((i) => i.name === p.name), inputPortId: idOf.get(p.name)!, upstreamPortId: p.upstreamPortId, from: p.from, fields: p.fields })));
  }
}
