import { createHash } from "node:crypto";
import pg from "pg";
import type { Queryable } from "@/lib/data-tables/data-database";
import { env } from "@/lib/env";
import type { SqlCheck } from "./check-definitions";
import { judged, notEvaluated, type CheckOutcome } from "./check-outcome";

const q = pg.escapeIdentifier;
export const DEFAULT_SQL_TIMEOUT_MS = 5_000;

/** The NOLOGIN role a table's sql checks run as: `<prefix>quality_<hash of schema.table>`, SELECT on that table only. */
export function qualityRoleName(location: { schema: string; table: string }, prefix: string = env.MESHWORK_ROLE_PREFIX): string {
  return `${prefix}quality_${createHash("sha256").update(`${location.schema}.${location.table}`).digest("hex").slice(0, 16)}`;
}

/** Creates the restricted role if needed and gives it USAGE on the schema and SELECT on the table, nothing more. */
export async function ensureQualityRole(client: Queryable, location: { schema: string; table: string }, role: string): Promise<void> {
  const connection = client instanceof pg.Pool ? await client.connect() : client;
  try {
    await connection.query("BEGIN");
    // Two runs at once would race on the role's catalog rows ("tuple concurrently updated"): one at a time per role.
    await connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`meshwork quality role ${role}`]);
    const exists = await connection.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) await connection.query(`CREATE ROLE ${q(role)} NOLOGIN NOINHERIT`);
    await connection.query(`GRANT USAGE ON SCHEMA ${q(location.schema)} TO ${q(role)}`);
    await connection.query(`GRANT SELECT ON ${q(location.schema)}.${q(location.table)} TO ${q(role)}`);
    await connection.query("COMMIT");
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    if (client instanceof pg.Pool) (connection as pg.PoolClient).release();
  }
}

/** ODCS's placeholders ({object}, {property}, and the schema's ${table}/${column} examples) as quoted identifiers. */
export function fillPlaceholders(query: string, location: { schema: string; table: string }, property: string | undefined): { ok: true; text: string } | { ok: false; reason: string } {
  const object = `${q(location.schema)}.${q(location.table)}`;
  let missing = false;
  const text = query.replace(/\$?\{\s*(object|table|property|column)\s*\}/g, (_, name: string) => {
    if (name === "object" || name === "table") return object;
    if (!property) missing = true;
    return property ? q(property) : "";
  });
  if (missing) return { ok: false, reason: "the query uses {property}, but the rule sits on the schema object, not on a property" };
  return { ok: true, text: text.trim().replace(/;\s*$/, "") };
}

/**
 * Runs one sql check as the restricted role, in a READ ONLY transaction with a statement timeout. The query goes as
 * one extended-protocol statement (no `;`-chained second statement can slip out of the transaction) wrapped as a
 * subquery; its first row's first column is the measured value. A refused write, a timeout or an error is "not
 * evaluated" with the reason, never a pass.
 */
export async function runSqlCheck(client: Queryable, location: { schema: string; table: string }, check: SqlCheck, { role, statementTimeoutMs = DEFAULT_SQL_TIMEOUT_MS }: { role?: string; statementTimeoutMs?: number }): Promise<CheckOutcome> {
  if (!role) return notEvaluated(check, "sql checks need the restricted quality role, which was not set up");
  const filled = fillPlaceholders(check.query, location, check.property);
  if (!filled.ok) return notEvaluated(check, filled.reason);
  const connection = client instanceof pg.Pool ? await client.connect() : client;
  try {
    await connection.query("BEGIN READ ONLY");
    await connection.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
    await connection.query(`SET LOCAL search_path = ${q(location.schema)}`);
    await connection.query(`SET LOCAL ROLE ${q(role)}`);
    // queryMode "extended" (pg ≥ 8.11, not in its types) sends one Parse/Bind/Execute, which refuses a second statement.
    const config = { text: `SELECT * FROM (${filled.text}\n) AS meshwork_check LIMIT 1`, rowMode: "array", queryMode: "extended" } as pg.QueryArrayConfig;
    const result = await connection.query(config);
    await connection.query("ROLLBACK");
    const first = (result.rows[0] as unknown[] | undefined)?.[0];
    if (first === undefined) return notEvaluated(check, "the query returned no rows; it must return one value");
    const measured = typeof first === "number" ? first : typeof first === "string" && first.trim() !== "" && Number.isFinite(Number(first)) ? Number(first) : typeof first === "boolean" ? Number(first) : NaN;
    if (!Number.isFinite(measured)) return notEvaluated(check, `the query returned ${JSON.stringify(first)?.slice(0, 60)}, not a number`);
    return judged(check, measured);
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => {});
    const e = error as { code?: string; message?: string };
    if (e.code === "57014") return notEvaluated(check, `stopped after ${statementTimeoutMs} ms: the query took longer than the statement timeout`);
    if (e.code === "25006") return notEvaluated(check, `refused: sql checks are read-only (${e.message})`);
    if (e.code === "42501") return notEvaluated(check, `refused: sql checks may read this port's table only (${e.message})`);
    return notEvaluated(check, `the query failed: ${e.message ?? String(error)}`);
  } finally {
    if (client instanceof pg.Pool) (connection as pg.PoolClient).release();
  }
}
