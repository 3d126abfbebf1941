import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";

function createClient() {
  const adapter = new PrismaPg({ connectionString: requireDatabaseUrl(), max: 10 });
  // Secrets are never selected unless a query asks for them explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true }, apiToken: { tokenHash: true } } });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { meshworkDb?: Db };

export const db: Db = globalForDb.meshworkDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.meshworkDb = db;
