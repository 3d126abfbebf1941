export type TeamOption = { domainSlug: string; domainName: string; teamSlug: string; teamName: string };

export type OutputPortRow = { key: string; name: string; type: "kafka_topic" | "table"; description: string; location: string; materializedFrom: string };

export type UpstreamChoice = { urn: string; name: string; domain: string };

export type InputPortRow = { key: string; name: string; description: string; upstream: UpstreamChoice | null; port: string; hidden?: boolean };

export type ProductFormValues = {
  team: string;
  name: string;
  description: string;
  tags: string[];
  classification: "public" | "internal" | "confidential" | "restricted";
  containsPersonalData: boolean;
  outputPorts: OutputPortRow[];
  inputPorts: InputPortRow[];
};

export const CLASSIFICATIONS = [
  { value: "public", label: "Public", explanation: "Safe to share outside the company; no approval needed." },
  { value: "internal", label: "Internal", explanation: "Anyone in the company may use it once subscribed." },
  { value: "confidential", label: "Confidential", explanation: "Business-sensitive; the owning team approves every subscription." },
  { value: "restricted", label: "Restricted", explanation: "Highly sensitive (e.g. personal or payment data); owner and steward both approve." },
] as const;

let counter = 0;
export const rowKey = () => `row-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const teamValue = (t: { domainSlug: string; teamSlug: string }) => `${t.domainSlug}/${t.teamSlug}`;

export const emptyOutputPort = (): OutputPortRow => ({ key: rowKey(), name: "", type: "kafka_topic", description: "", location: "", materializedFrom: "" });
export const emptyInputPort = (): InputPortRow => ({ key: rowKey(), name: "", description: "", upstream: null, port: "" });

export function emptyValues(team: string): ProductFormValues {
  return { team, name: "", description: "", tags: [], classification: "internal", containsPersonalData: false, outputPorts: [], inputPorts: [] };
}

/** The product's ports and fields as the API's descriptor shape (create) or update shape (edit). */
export function toFields(v: ProductFormValues) {
  return {
    name: v.name.trim(),
    description: v.description,
    tags: v.tags,
    classification: v.classification,
    containsPersonalData: v.containsPersonalData,
    outputPorts: v.outputPorts.map((p) =>
      p.type === "kafka_topic"
        ? { name: p.name.trim(), type: p.type, description: p.description, topic: p.location.trim() }
        : { name: p.name.trim(), type: p.type, description: p.description, table: p.location.trim(), ...(p.materializedFrom ? { materializedFrom: p.materializedFrom } : {}) },
    ),
    inputPorts: v.inputPorts.map((p) => ({ name: p.name.trim(), description: p.description, from: { product: p.upstream?.urn ?? "", port: p.port } })),
  };
}

export function toDescriptor(v: ProductFormValues) {
  const [domain = "", team = ""] = v.team.split("/");
  return { domain, team, ...toFields(v) };
}

/**
 * The PATCH body of an edit: the product's own fields always (the update schema fills omitted tags and
 * classification with their defaults), its ports only when they changed, so untouched ports are not rewritten.
 */
export function updateBody(initial: ProductFormValues, current: ProductFormValues): Record<string, unknown> {
  const before = toFields(initial);
  const { outputPorts, inputPorts, ...fields } = toFields(current);
  return {
    ...fields,
    ...(JSON.stringify(outputPorts) !== JSON.stringify(before.outputPorts) ? { outputPorts } : {}),
    ...(JSON.stringify(inputPorts) !== JSON.stringify(before.inputPorts) ? { inputPorts } : {}),
  };
}

/**
 * The form field an API error path belongs to: `outputPorts[1].topic` → `outputPorts.1.location`,
 * `inputPorts[0].from.port` → `inputPorts.0.port`, `domain`/`team` → the team select, `slug` → the name.
 */
export function fieldForPath(path: string): string {
  const out = /^outputPorts\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (out) {
    const field = out[2] ?? "name";
    const mapped = field === "topic" || field === "table" ? "location" : ["name", "type", "description", "materializedFrom"].includes(field) ? field : "name";
    return `outputPorts.${out[1]}.${mapped}`;
  }
  const byName = /^outputPorts\.([a-z0-9-]+)$/.exec(path);
  if (byName) return "outputPorts";
  const inp = /^inputPorts\[(\d+)\](?:\.(\w+))?(?:\.(\w+))?/.exec(path);
  if (inp) {
    const [, index, field, sub] = inp;
    if (field === "from") return sub === "port" ? `inputPorts.${index}.port` : `inputPorts.${index}.upstream`;
    return `inputPorts.${index}.${field === "description" ? "description" : "name"}`;
  }
  if (path === "domain" || path === "team") return "team";
  if (path === "slug" || path === "name") return "name";
  if (path.startsWith("tags")) return "tags";
  if (["description", "classification", "containsPersonalData"].includes(path)) return path;
  return "form";
}

const FIELD_TARGETS: Record<string, { id: string; label: string }> = {
  name: { id: "product-name", label: "Name" },
  team: { id: "owning-team", label: "Owning team" },
  description: { id: "product-description", label: "Description" },
  tags: { id: "product-tags", label: "Tags" },
  classification: { id: "classification", label: "Classification" },
  containsPersonalData: { id: "contains-personal-data", label: "Contains personal data" },
};

/** The control of a form field (`outputPorts.1.location`) and its label as the user reads it ("Output port 2 topic"). */
export function fieldTarget(field: string, values: ProductFormValues): { id: string; label: string } | undefined {
  const port = /^(outputPorts|inputPorts)\.(\d+)\.(\w+)$/.exec(field);
  if (port) {
    const [, list, index, part] = port;
    const n = Number(index) + 1;
    if (list === "outputPorts") {
      const what = part === "location" ? (values.outputPorts[Number(index)]?.type === "table" ? "table" : "topic") : part === "materializedFrom" ? "materialized from" : part;
      return { id: `output-${index}-${part}`, label: `Output port ${n} ${what}` };
    }
    const what = part === "upstream" ? "product" : part === "port" ? "upstream port" : "name";
    return { id: `input-${index}-${part === "description" ? "name" : part}`, label: `Input port ${n} ${what}` };
  }
  return FIELD_TARGETS[field];
}
