import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { DEMO_USERS } from "./demo-users";

const ROOT = path.resolve(import.meta.dirname, "../..");
let database: TestDatabase;

beforeAll(async () => {
  database = await prepareTestDatabase("nodemo");
});

afterAll(async () => {
  await database?.drop();
});

describe("seeding a database outside demo mode", () => {
  it("creates no demo accounts (nor anything else of the demo mesh)", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, MESHWORK_DEMO: "off", NEXTAUTH_SECRET: "a-real-secret-of-enough-length-0123456789" };
    const run = spawnSync("npx", ["tsx", "prisma/seed.ts"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/MESHWORK_DEMO/);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const demoAccounts = await client.query("SELECT email FROM app_user WHERE email = ANY($1)", [DEMO_USERS.map((u) => u.email)]);
      expect(demoAccounts.rows).toEqual([]);
      const withPassword = await client.query("SELECT count(*)::int AS n FROM app_user WHERE password_hash IS NOT NULL");
      expect(withPassword.rows[0].n).toBe(0);
      const domains = await client.query("SELECT count(*)::int AS n FROM domain");
      expect(domains.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
