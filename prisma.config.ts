import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI wants a native schema engine it cannot download on our machines; `generate` only needs
// the path to exist, and our own runner (lib/db/migrate.ts) applies the SQL migrations.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/meshwork" },
});
