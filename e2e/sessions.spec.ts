import { spawn } from "node:child_process";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { DEMO_PASSWORD, expect, signInApi, signInPage, test, unique } from "./support/fixtures";
import { OLD_DEMO_SECRET } from "../lib/auth/auth-secret";

// Sessions are forged by nobody, end when people sign out, and password guessing is slowed down.

const ROOT = path.resolve(import.meta.dirname, "..");
const SESSION_COOKIE = "next-auth.session-token";

async function cookieHeader(context: { storageState: () => Promise<{ cookies: { name: string; value: string }[] }> }): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** One sign-in attempt through next-auth's credentials endpoint, as the sign-in form makes it, from the given client address. */
async function attempt(request: import("@playwright/test").APIRequestContext, email: string, password: string, address: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, headers: { "x-forwarded-for": address } });
}

test("a session cookie signed with the demo secret that used to be built in is refused", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, "admin@meshwork.dev");
  const { id, name, email } = await (await admin.get("/api/v1/me")).json();

  const forged = await encode({ token: { sub: id, name, email }, secret: OLD_DEMO_SECRET });
  const attacker = await playwright.request.newContext({ baseURL });
  const me = await attacker.get("/api/v1/me", { headers: { cookie: `${SESSION_COOKIE}=${forged}` } });
  expect(me.status()).toBe(401);
  const tokens = await attacker.post("/api/v1/tokens", { data: { name: "stolen" }, headers: { cookie: `${SESSION_COOKIE}=${forged}` } });
  expect(tokens.status()).toBe(401);
});

test("signing out revokes the session: the old cookie no longer works", async ({ playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  const copied = await cookieHeader(olivia);
  const thief = await playwright.request.newContext({ baseURL });
  expect((await thief.get("/api/v1/me", { headers: { cookie: copied } })).status()).toBe(200);

  const { csrfToken } = await (await olivia.get("/api/auth/csrf")).json();
  const signOut = await olivia.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  expect(signOut.ok()).toBeTruthy();

  expect((await thief.get("/api/v1/me", { headers: { cookie: copied } })).status()).toBe(401);
  // next-auth's own session endpoint (what useSession reads) says nobody too.
  expect(await (await thief.get("/api/auth/session", { headers: { cookie: copied } })).json()).toEqual({});
  const page = await thief.get("/settings/tokens", { headers: { cookie: copied }, maxRedirects: 0 });
  expect(page.status()).toBeGreaterThanOrEqual(300);
  expect(page.status()).toBeLessThan(400);
  expect(page.headers()["location"]).toContain("/sign-in");
});

test("the account page signs a person out everywhere", async ({ page, playwright, baseURL }) => {
  const elsewhere = await playwright.request.newContext({ baseURL });
  await signInApi(elsewhere, "omar@meshwork.dev");

  await signInPage(page, "omar@meshwork.dev");
  // The account menu closes with Escape (the focus back on its button) and with a click outside it.
  const menuButton = page.getByTestId("current-user");
  await menuButton.click();
  await expect(page.getByTestId("account-menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("account-menu")).toBeHidden();
  await expect(menuButton).toBeFocused();
  await menuButton.click();
  await page.getByRole("main").click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId("account-menu")).toBeHidden();
  await menuButton.click();
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("main").getByRole("heading", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("omar@meshwork.dev");
  await page.getByRole("main").getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  expect((await elsewhere.get("/api/v1/me")).status()).toBe(401);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await signInPage(page, "omar@meshwork.dev");
});

test("repeated wrong passwords are throttled with 429 and Retry-After, without locking the owner out from elsewhere", async ({ playwright, baseURL }) => {
  const stranger = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 5; i++) expect((await attempt(stranger, "paul@meshwork.dev", `guess-${i}`, "203.0.113.61")).status()).toBe(401);
  const throttled = await attempt(stranger, "paul@meshwork.dev", "guess-5", "203.0.113.61");
  expect(throttled.status()).toBe(429);
  const retryAfter = Number(throttled.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect((await throttled.json()).url).toContain("error=");
  // Even the right password waits, from that address.
  expect((await attempt(stranger, "paul@meshwork.dev", DEMO_PASSWORD, "203.0.113.61")).status()).toBe(429);

  const paul = await playwright.request.newContext({ baseURL });
  expect((await attempt(paul, "paul@meshwork.dev", DEMO_PASSWORD, "198.51.100.23")).status()).toBe(200);
  expect((await paul.get("/api/v1/me")).status()).toBe(200);
});

test("the sign-in page says when there were too many attempts", async ({ page }) => {
  const email = `${unique("nobody")}@meshwork.dev`;
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong e-mail or password");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/too many failed sign-ins/i);
});

test("outside demo mode the web server refuses to start without NEXTAUTH_SECRET", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, MESHWORK_DEMO: "off", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXTAUTH_SECRET;
  delete env.AUTH_SECRET;
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const child = spawn("npx", ["next", "start", "-p", port], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      resolve(null);
    }, 30_000);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code, `next start should have exited:\n${output}`).not.toBeNull();
  expect(code).not.toBe(0);
  expect(output.split("\n").filter((line) => line.includes("NEXTAUTH_SECRET"))).toHaveLength(1);
});
