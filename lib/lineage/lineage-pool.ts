import { createHash } from "node:crypto";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

// The graph statement is large: planning it costs more than running it on a small neighbourhood. A small pool of its
// own runs it as a named prepared statement with a generic plan, so each connection plans each variant once.

const globalForPool = globalThis as unknown as { meshworkLineagePool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForPool.meshworkLineagePool) {
    // The walk's cost estimate is far above its cost: JIT compiling it would take longer than running it.
    globalForPool.meshworkLineagePool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 4, idleTimeoutMillis: 30_000, options: "-c jit=off -c plan_cache_mode=force_generic_plan" });
  }
  return globalForPool.meshworkLineagePool;
}

/** Runs a Prisma.sql statement as a prepared statement named after its text. */
export async function queryPrepared<T extends pg.QueryResultRow>(sql: Prisma.Sql): Promise<T[]> {
  const name = `lineage_${createHash("sha256").update(sql.text).digest("hex").slice(0, 24)}`;
  const result = await pool().query<T>({ name, text: sql.text, values: sql.values as unknown[] });
  return result.rows;
}

/** Closes the pool (tests and benchmarks, before they drop their database). */
export async function endLineagePool(): Promise<void> {
  await globalForPool.meshworkLineagePool?.end();
  globalForPool.meshworkLineagePool = undefined;
}
