import pg from "pg";
import { inDataTransaction, type Queryable } from "@/lib/data-tables/data-database";

const q = pg.escapeIdentifier;

/** How many repeated keys a count brings back for the failing-row sample. */
export const SAMPLE_KEYS = 10;

export type DuplicateCount = {
  /** Rows with every column of the set filled, minus the distinct values among them. */
  duplicates: number;
  /** Up to SAMPLE_KEYS repeated values, each a JSON object of the set's columns (see duplicateKeyCondition). */
  keys: string[];
};

/**
 * Counts the rows repeating another row's values of `set` (rows with a NULL in the set are not compared), in one sorted
 * grouping that also returns a few repeated keys, so the failing-row sample needs no second grouping. Sorting beats
 * hash-grouping a million keys several times over (each group's state costs an allocation). Text columns in
 * `bytewise` (plain text types under a deterministic collation, where equal means byte-equal) are grouped under
 * "C": the same groups, but the sort compares bytes and uses abbreviated keys instead of calling strcoll.
 */
export async function countDuplicates(client: Queryable, qualified: string, set: string[], bytewise: ReadonlySet<string>): Promise<DuplicateCount> {
  const keys = set.map((column, i) => `${q(column)}${bytewise.has(column) ? ' COLLATE "C"' : ""} AS k${i}`);
  const keyObject = set.map((column, i) => `${pg.escapeLiteral(column)}, k${i}`).join(", ");
  // array_agg holds only the repeated keys (at most half the rows) and only while the query runs.
  const text = `SELECT coalesce(sum(n) - count(*), 0) AS duplicates, (array_agg(jsonb_build_object(${keyObject})::text) FILTER (WHERE n > 1))[1:${SAMPLE_KEYS}] AS keys
    FROM (SELECT ${keys.join(", ")}, count(*) AS n FROM ${qualified} WHERE ${set.map((c) => `${q(c)} IS NOT NULL`).join(" AND ")} GROUP BY ${set.map((_, i) => i + 1).join(", ")}) AS groups`;
  const row = await inDataTransaction(
    client,
    async (tx) => {
      // Sorting a million keys in memory needs more than the default 4 MB, or it spills to disk.
      await tx.query("SET LOCAL work_mem = '256MB'");
      await tx.query("SET LOCAL enable_hashagg = off");
      return (await tx.query<{ duplicates: string; keys: string[] | null }>(text)).rows[0];
    },
    { readOnly: true },
  );
  return { duplicates: Number(row.duplicates), keys: row.keys ?? [] };
}

/**
 * The SQL condition a row holds one of `keys` of `set` on (for the sample), with the keys appended to `params`. Each key
 * is read back as a row of the table's own type, so it compares with the columns' own equality and collation.
 */
export function duplicateKeyCondition(qualified: string, set: string[], keys: string[], params: unknown[]): string {
  params.push(keys);
  const columns = set.map(q);
  return `(${columns.join(", ")}) IN (SELECT ${columns.map((c) => `key.${c}`).join(", ")} FROM unnest($${params.length}::jsonb[]) AS listed, jsonb_populate_record(NULL::${qualified}, listed) AS key)`;
}
