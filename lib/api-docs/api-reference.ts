import { openApiDocument } from "./openapi-document";

type JsonSchema = { type?: string | string[]; $ref?: string; properties?: Record<string, JsonSchema>; required?: string[]; description?: string; enum?: unknown[]; items?: JsonSchema; format?: string; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };
type Parameter = { name: string; in: string; required?: boolean; description?: string };
type Operation = { summary?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, { description?: string }> };

export type ApiField = { name: string; type: string; required: boolean; description: string };
export type ApiOperation = { id: string; method: string; path: string; summary: string; parameters: ApiField[]; body: { name: string; fields: ApiField[] } | null; responses: { status: string; description: string }[] };
export type ApiGroup = { id: string; title: string; operations: ApiOperation[] };

const METHODS = ["get", "post", "put", "patch", "delete"];
const refName = (ref: string) => ref.replace("#/components/schemas/", "");

function typeOf(s: JsonSchema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return refName(s.$ref);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(" | ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

const fieldsOf = (s: JsonSchema): ApiField[] => Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, type: typeOf(p), required: (s.required ?? []).includes(name), description: p.description ?? "" }));

/** The OpenAPI description of /api/v1, as the API reference page shows it: operations grouped by their first path segment. */
export function apiReference() {
  const doc = openApiDocument() as unknown as { info: { title: string; version: string; description: string }; servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
  const groups = new Map<string, ApiGroup>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const segment = path.split("/")[1] ?? "";
    const group = groups.get(segment) ?? { id: `api-${segment}`, title: segment.replace(/-/g, " "), operations: [] };
    groups.set(segment, group);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const bodySchema = Object.values(op.requestBody?.content ?? {})[0]?.schema;
      const bodyName = bodySchema?.$ref ? refName(bodySchema.$ref) : bodySchema ? typeOf(bodySchema) : null;
      const resolved = bodySchema?.$ref ? doc.components.schemas[refName(bodySchema.$ref)] : bodySchema;
      group.operations.push({
        id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, ""),
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, type: p.in, required: Boolean(p.required), description: p.description ?? "" })),
        body: bodyName && resolved ? { name: bodyName, fields: fieldsOf(resolved) } : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? "" })),
      });
    }
  }
  return { title: doc.info.title, version: doc.info.version, description: doc.info.description, baseUrl: doc.servers[0]?.url ?? "", groups: [...groups.values()] };
}
