import type { Tx } from "@/lib/db";
import { validationFailed, type ErrorDetail } from "@/lib/errors";
import { contractFields, currentContract } from "./contract-fields";

export type InputPortMapping = { index: number; inputPortId: string; upstreamPortId: string; from: { product: string; port: string }; fields?: Record<string, string[]> };

const quote = (field: string) => (/^[A-Za-z_][A-Za-z0-9_.[\]]*$/.test(field) ? field : JSON.stringify(field));

/**
 * Checks a descriptor's field mappings (inputPorts[].fields) against both contracts — each output field must be a
 * field of one of this product's output port contracts, each input field a field of the contract of the port the
 * input port reads — and stores them. Every bad field is named; nothing is stored when one is wrong. A product that
 * has no output contract yet (a new one, at registration) cannot have its output fields checked: they are kept as sent.
 */
export async function writeFieldMappings(tx: Tx, productId: string, inputs: InputPortMapping[]): Promise<void> {
  const mapped = inputs.filter((i) => i.fields && Object.keys(i.fields).length > 0);
  if (mapped.length === 0) return;
  const details: ErrorDetail[] = [];
  const outputPorts = await tx.port.findMany({ where: { dataProductId: productId, direction: "output" }, select: { id: true, name: true } });
  const outputFields = new Set<string>();
  for (const port of outputPorts) for (const f of contractFields((await currentContract(tx, port.id))?.document)) outputFields.add(f.name);
  for (const input of mapped) {
    const at = `inputPorts[${input.index}].fields`;
    const upstream = await currentContract(tx, input.upstreamPortId);
    const inputFields = new Set(contractFields(upstream?.document).map((f) => f.name));
    const source = `${input.from.product}:${input.from.port}`;
    if (!upstream) details.push({ path: at, message: `${source} has no contract yet, so its fields cannot be mapped` });
    for (const [outputField, sources] of Object.entries(input.fields!)) {
      if (outputFields.size > 0 && !outputFields.has(outputField)) {
        details.push({ path: `${at}.${quote(outputField)}`, message: `"${outputField}" is not a field of this product's output contracts` });
      }
      sources.forEach((field, j) => {
        if (upstream && !inputFields.has(field)) details.push({ path: `${at}.${quote(outputField)}[${j}]`, message: `"${field}" is not a field of the contract of ${source} (version ${upstream.version})` });
      });
    }
  }
  if (details.length > 0) throw validationFailed(`The field mapping has ${details.length} error${details.length === 1 ? "" : "s"}: ${details[0].path}: ${details[0].message}.`, details);
  const rows = mapped.flatMap((input) => Object.entries(input.fields!).flatMap(([outputField, sources]) => [...new Set(sources)].map((inputField, position) => ({ inputPortId: input.inputPortId, outputField, inputField, position }))));
  await tx.portFieldMapping.createMany({ data: rows });
}

/** The stored mapping of input ports, as the descriptor writes it. */
export async function readFieldMappings(tx: Tx, inputPortIds: string[]): Promise<Map<string, Record<string, string[]>>> {
  const rows = await tx.portFieldMapping.findMany({ where: { inputPortId: { in: inputPortIds } }, orderBy: [{ inputPortId: "asc" }, { outputField: "asc" }, { position: "asc" }] });
  const out = new Map<string, Record<string, string[]>>();
  for (const row of rows) {
    const mapping = out.get(row.inputPortId) ?? {};
    (mapping[row.outputField] ??= []).push(row.inputField);
    out.set(row.inputPortId, mapping);
  }
  return out;
}
