import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";
import { SerialPgClient } from "@/lib/db/serial-pg-client";

function createClient() {
  const adapter = new PrismaPg({ connectionString: requireDatabaseUrl(), max: 10, Client: SerialPgClient });
  // Secrets are never selected unless a query asks for them explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true }, apiToken: { tokenHash: true }, teamWebhook: { secret: true } } });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { meshworkDb?: Db };

let client: Db | undefined;

// Created on first use, so importing this module (as `next build` does while collecting pages) needs no DATABASE_URL.
export const db: Db = new Proxy({} as Db, {
  get(_, key) {
    client ??= globalForDb.meshworkDb ?? createClient();
    if (process.env.NODE_ENV !== "production") globalForDb.meshworkDb = client;
    const value = Reflect.get(client, key);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
