import { MeshworkError } from "@/lib/errors";

export type TableLocation = { schema: string; table: string };

// PostgreSQL's limit on identifier length, in bytes.
export const MAX_IDENTIFIER_BYTES = 63;

/** Schemas no data product's table may live in: PostgreSQL's own, the job queue's, and the one Meshwork's tables use. */
export function refusedSchemas(databaseUrl = process.env.DATABASE_URL): string[] {
  const own = databaseUrl ? safeSchemaParam(databaseUrl) : null;
  return ["public", "information_schema", "graphile_worker", ...(own ? [own] : [])];
}

function safeSchemaParam(url: string): string | null {
  try {
    return new URL(url).searchParams.get("schema")?.toLowerCase() ?? null;
  } catch {
    return null;
  }
}

const invalid = (location: string, message: string) => new MeshworkError("validation_failed", `Table location "${location}" ${message}.`, [{ path: "location", message }]);

/**
 * A table port's declared location, `<schema>.<table>`, as PostgreSQL names it: unquoted names fold to lower
 * case, so `Analytics.Orders` is the table a consumer reaches as analytics.orders. Refuses a location without a
 * schema and the schemas in refusedSchemas() or starting with pg_, with a message that says why.
 */
export function parseTableLocation(location: string | null | undefined, databaseUrl?: string): TableLocation {
  const text = (location ?? "").trim();
  const parts = text.split(".");
  if (!text || parts.length !== 2 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(p))) {
    throw invalid(text, "is not <schema>.<table> (letters, digits and _, each starting with a letter or _)");
  }
  const [schema, table] = parts.map((p) => p.toLowerCase());
  for (const name of [schema, table]) {
    if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) throw invalid(text, `has a name longer than PostgreSQL's ${MAX_IDENTIFIER_BYTES} bytes (${name})`);
  }
  if (schema.startsWith("pg_")) throw invalid(text, `is in ${schema}: schemas starting with pg_ are PostgreSQL's own`);
  const refused = refusedSchemas(databaseUrl);
  if (refused.includes(schema)) {
    const why = schema === "public" ? "the public schema holds Meshwork's own tables" : schema === "graphile_worker" ? "graphile_worker holds Meshwork's job queue" : schema === "information_schema" ? "information_schema is PostgreSQL's own" : `${schema} holds Meshwork's own tables`;
    throw invalid(text, `is in a schema data products may not use: ${why}; pick a schema of its own, e.g. analytics.${table}`);
  }
  return { schema, table };
}
