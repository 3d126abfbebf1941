import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { conflict, validationFailed, type ErrorDetail } from "@/lib/errors";
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

  const ids = new Map<string, string>();
  for (const p of outputs) {
    const data = { type: p.type, description: p.description, location: location(p), sourcePortId: null };
    const row = await tx.port.upsert({
      where: { dataProductId_name: { dataProductId: productId, name: p.name } },
      update: data,
      create: { ...data, dataProductId: productId, name: p.name, direction: "output" },
    });
    ids.set(p.name, row.id);
  }
  for (const p of outputs) {
    if (p.type === "table" && p.materializedFrom) {
      await tx.port.update({ where: { id: ids.get(p.name)! }, data: { sourcePortId: ids.get(p.materializedFrom)! } });
    }
  }
  if (resolvedInputs.length > 0) {
    await tx.port.createMany({
      data: resolvedInputs.map((p) => ({ dataProductId: productId, name: p.name, description: p.description, direction: "input" as const, type: p.type, upstreamPortId: p.upstreamPortId })),
    });
  }
}
