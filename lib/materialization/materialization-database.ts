import { dataDatabaseUrl } from "@/lib/data-tables/data-database";
import { requireDatabaseUrl } from "@/lib/env";
import { conflict } from "@/lib/errors";

/**
 * Exactly-once needs a batch's rows and its offsets in one transaction, so the offsets (Meshwork's
 * materialization_offset) must live in the database holding the tables: materialization works where the data
 * database is Meshwork's own (DATA_DATABASE_URL unset or the same), and says so otherwise.
 */
export function requireMaterializationDatabase(): void {
  if (sameDatabase(dataDatabaseUrl(), requireDatabaseUrl())) return;
  throw conflict("Materialization needs the data database to be Meshwork's own (DATA_DATABASE_URL unset or equal to DATABASE_URL): a batch's rows and its offsets commit in one transaction.");
}

function sameDatabase(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.hostname === y.hostname && (x.port || "5432") === (y.port || "5432") && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}
