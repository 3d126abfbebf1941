import pg from "pg";
import { inDataTransaction, type Queryable } from "@/lib/data-tables/data-database";

const q = pg.escapeIdentifier;

/** How many repeating rows a count points at for the failing-row sample: each with the row it repeats, 10 rows. */
export const SAMPLE_REPEATS = 5;

export type DuplicateCount = {
  /** Rows with every column of the set filled, minus the distinct values among them. */
  duplicates: number;
  /** Where the first SAMPLE_REPEATS repeating rows and the rows they repeat are (ctid), so the sample reads them there. */
  rows: string[];
};

/** Sets of columns, each holding every column of the one before it; its columns start with the first set's. */
export type DuplicateChain = { columns: string[]; sets: string[][] };

/**
 * Puts each set of columns checked for duplicates into a chain whose last set it holds ((order_id), then (order_id,
 * country)), else into a new chain: rows sorted by a chain's columns have equal values of each of its sets side by side,
 * so one sort counts them all.
 */
export function duplicateChains(sets: string[][]): DuplicateChain[] {
  const chains: DuplicateChain[] = [];
  for (const set of [...sets].sort((a, b) => a.length - b.length)) {
    const chain = chains.find((c) => c.sets.at(-1)!.every((column) => set.includes(column)));
    if (chain) {
      chain.columns.push(...new Set(set.filter((column) => !chain.columns.includes(column))));
      chain.sets.push(set);
    } else chains.push({ columns: [...new Set(set)], sets: [set] });
  }
  return chains;
}

/**
 * Counts, for each set of the chain, the rows repeating the previous row's values of the set once sorted by the chain's
 * columns (rows with a NULL in the set are not compared): the rows minus their distinct values. One sort serves the
 * whole chain, and the same pass notes where a few repeating rows are, so the failing-row sample needs no second sort.
 * Sorting beats hash-grouping a million keys 2–3 times over (each group's state costs an allocation). Text columns
 * in `bytewise` (plain text types under a deterministic collation, where equal means byte-equal) sort under "C": the
 * same runs of equal values, but comparing bytes with abbreviated keys instead of calling strcoll.
 */
export async function countDuplicates(client: Queryable, qualified: string, chain: DuplicateChain, bytewise: ReadonlySet<string>): Promise<DuplicateCount[]> {
  const key = (column: string) => `k${chain.columns.indexOf(column)}`;
  const sorted = chain.columns.map((column) => `${q(column)}${bytewise.has(column) ? ' COLLATE "C"' : ""} AS ${key(column)}`);
  const repeats = chain.sets.map((set, i) => `${set.map((c) => `${key(c)} = lag(${key(c)}) OVER w`).join(" AND ")} AS r${i}`);
  // array_agg holds 12 bytes per repeating row (two places), and only while the query runs.
  const counts = chain.sets.map((_, i) => {
    const first = (place: string) => `(array_agg(${place}) FILTER (WHERE r${i}))[1:${SAMPLE_REPEATS}]`;
    return `count(*) FILTER (WHERE r${i}) AS d${i}, (${first("here")} || ${first("before")})::text[] AS rows${i}`;
  });
  // A repeating row and the row it repeats (the one before it) both hold the repeated value.
  const text = `SELECT ${counts.join(", ")}
    FROM (SELECT ${repeats.join(", ")}, here, lag(here) OVER w AS before
          FROM (SELECT ${sorted.join(", ")}, ctid AS here FROM ${qualified} WHERE ${chain.sets[0].map((c) => `${q(c)} IS NOT NULL`).join(" AND ")}) AS complete
          WINDOW w AS (ORDER BY ${chain.columns.map(key).join(", ")})) AS compared`;
  const row = await inDataTransaction(
    client,
    async (tx) => {
      // Sorting a million keys in memory needs more than the default 4 MB, or it spills to disk.
      await tx.query("SET LOCAL work_mem = '256MB'");
      return (await tx.query<Record<string, unknown>>(text)).rows[0];
    },
    { readOnly: true },
  );
  return chain.sets.map((_, i) => ({ duplicates: Number(row[`d${i}`]), rows: (row[`rows${i}`] as string[] | null) ?? [] }));
}

/**
 * The SQL condition the sample rows of a duplicate count meet, for the table read as `alias`, with the places appended
 * to `params`: at one of the places the count saw, and still repeating the values of another row there (should a place
 * hold another row since), compared with the columns' own equality and collation.
 */
export function duplicateSampleCondition(qualified: string, alias: string, set: string[], { rows }: DuplicateCount, params: unknown[]): string {
  params.push(rows);
  const at = `$${params.length}::tid[]`;
  const columns = set.map(q);
  return `${alias}.ctid = ANY(${at}) AND EXISTS (SELECT FROM ${qualified} AS other WHERE other.ctid = ANY(${at}) AND other.ctid <> ${alias}.ctid AND (${columns.map((c) => `other.${c}`).join(", ")}) = (${columns.map((c) => `${alias}.${c}`).join(", ")}))`;
}
