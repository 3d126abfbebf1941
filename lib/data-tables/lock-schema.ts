import type pg from "pg";

// Advisory-lock namespace for DDL and grants on data products' schemas.
const SCHEMA_LOCK = 72709;

/**
 * Serializes catalog changes on one schema of the data database until the transaction ends: concurrent
 * CREATE ... IF NOT EXISTS can collide, and concurrent GRANTs on one object fail with "tuple concurrently updated".
 */
export async function lockSchema(tx: pg.ClientBase, schema: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", [SCHEMA_LOCK, schema]);
}
