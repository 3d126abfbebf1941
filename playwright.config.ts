import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // A desktop width where the header shows its links in a row (components/nav-menu.tsx); phone tests set their own.
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  webServer: {
    command: `npx tsx e2e/support/serve.ts`,
    env: { E2E_PORT: String(PORT) },
    url: `http://localhost:${PORT}/api/v1/openapi.json`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM to the server's process group lets e2e/support/serve.ts drop its database and stop next-server.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
