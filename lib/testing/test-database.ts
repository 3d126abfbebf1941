import pg from "pg";
import path from "node:path";
import { migrateDatabase } from "@/lib/db/migrate";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export type TestDatabase = { url: string; drop: () => Promise<void> };

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

/** A fresh, migrated database for one test run: on DATABASE_URL's server if set, else on an embedded PostgreSQL. */
export async function prepareTestDatabase(label: string): Promise<TestDatabase> {
  let serverUrl: string;
  let stopServer = async () => {};
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(REPO_ROOT, `.cache/test-pg-${label}`), port: 54331 + Math.floor(Math.random() * 500) });
    serverUrl = embedded.serverUrl;
    stopServer = embedded.stop;
  }
  assertLocal(serverUrl);
  const name = `meshwork_${label}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`.replace(/[^a-z0-9_]/g, "_");
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await stopServer();
    },
  };
}
