import { prepareTestDatabase } from "./test-database";

// Each test run gets its own fresh, migrated database; MESHWORK_TEST_NO_DB=1 skips it for pure unit runs.
export default async function globalSetup() {
  // Tests run in demo mode (demo accounts, generated secret) unless a test says otherwise.
  process.env.MESHWORK_DEMO = "on";
  if (process.env.MESHWORK_TEST_NO_DB === "1") return;
  const db = await prepareTestDatabase("vitest");
  process.env.DATABASE_URL = db.url;
  return async () => {
    await db.drop();
  };
}
