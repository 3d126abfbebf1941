import pg from "pg";
import { env, requireDatabaseUrl } from "@/lib/env";

/** The database holding data products' tables: DATA_DATABASE_URL, else Meshwork's own. */
export function dataDatabaseUrl(): string {
  return process.env.DATA_DATABASE_URL ?? env.DATA_DATABASE_URL ?? requireDatabaseUrl();
}

/** What the table and grant functions need of a connection: a pool, a client, or one checked out in a transaction. */
export type Queryable = pg.Pool | pg.ClientBase;

let pool: pg.Pool | undefined;

/** One small pool to the data database per process, opened on first use. */
export function dataPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: dataDatabaseUrl(), max: 4, application_name: "meshwork data" });
    // An idle connection the server ends must not crash the process; the next query opens a new one.
    pool.on("error", (error) => console.error(`data database: an idle connection failed: ${error.message}`));
  }
  return pool;
}

export async function closeDataPool(): Promise<void> {
  const open = pool;
  pool = undefined;
  await open?.end();
}

/**
 * Runs `work` in one transaction on a client of its own (checked out of `from` when that is a pool); `readOnly`
 * makes PostgreSQL refuse any write in it (quality checks).
 */
export async function inDataTransaction<T>(from: Queryable, work: (client: pg.ClientBase) => Promise<T>, { readOnly = false }: { readOnly?: boolean } = {}): Promise<T> {
  const client = from instanceof pg.Pool ? await from.connect() : from;
  try {
    await client.query(readOnly ? "BEGIN READ ONLY" : "BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    if (from instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}
