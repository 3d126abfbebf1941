import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

export { expect };

type CspViolation = { page: string; directive: string; blocked: string; sample: string };

// The whole app must pass its Content-Security-Policy: every page of every test reports its violations here.
const violations: CspViolation[] = [];
const watched = new WeakSet<BrowserContext>();

async function watchCsp(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding("__meshworkCspViolation", ({ page }, v: Omit<CspViolation, "page">) => void violations.push({ page: page.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __meshworkCspViolation: (v: unknown) => void }).__meshworkCspViolation;
      void report({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
}

/** Playwright's test, failing any test whose pages (in its own or any new browser context) violate the CSP. */
export const test = base.extend<{ cspGuard: void }>({
  context: async ({ context }, provide) => {
    await watchCsp(context);
    await provide(context);
  },
  cspGuard: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await watchCsp(context);
        return context;
      };
      violations.length = 0;
      await provide();
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = process.env.MESHWORK_DEMO_PASSWORD ?? "meshwork-demo";

/** A short unique suffix so every test seeds its own, uniquely named data. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

/** Signs a request context in through next-auth's credentials endpoint (the session cookie stays in the context). */
export async function signInApi(request: APIRequestContext, email: string): Promise<void> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" } });
  expect(response.ok(), `sign-in of ${email}`).toBeTruthy();
  const me = await request.get("/api/v1/me");
  expect(me.status(), `session of ${email}`).toBe(200);
}

/** Signs a browser page in through the sign-in form, as a person would. */
export async function signInPage(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Creates a personal API token for the signed-in context and returns it. */
export async function createToken(request: APIRequestContext, name = unique("token")): Promise<string> {
  const response = await request.post("/api/v1/tokens", { data: { name } });
  expect(response.status()).toBe(201);
  return (await response.json()).token;
}

/** A minimal valid product descriptor for the given team, with a topic and a table materialized from it. */
export function descriptor(domain: string, team: string, name: string, extra: Record<string, unknown> = {}) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    name,
    domain,
    team,
    description: `${name}: test product registered by an end-to-end test.`,
    tags: ["e2e"],
    classification: "internal",
    outputPorts: [
      { name: "events", type: "kafka_topic", topic: `${domain}.${slug}.v1` },
      { name: "table", type: "table", table: `analytics.${slug.replace(/-/g, "_")}`, materializedFrom: "events" },
    ],
    ...extra,
  };
}

export type RegisteredProduct = { id: string; urn: string; slug: string; domain: string };

/** Registers a product through the API as the signed-in context and, when asked, publishes it. */
export async function registerProduct(request: APIRequestContext, body: Record<string, unknown>, { publish = false } = {}): Promise<RegisteredProduct> {
  const response = await request.post("/api/v1/data-products", { data: body });
  expect(response.status(), `registration of ${String(body.name)}`).toBe(201);
  const created: RegisteredProduct = await response.json();
  if (publish) {
    const published = await request.post(`/api/v1/data-products/${created.id}/status`, { data: { status: "published" } });
    expect(published.status(), `publication of ${String(body.name)}`).toBe(200);
  }
  return created;
}

/** The product's page URL, as the catalog links it. */
export const productPath = (product: Pick<RegisteredProduct, "domain" | "slug">) => `/products/${product.domain}/${product.slug}`;
