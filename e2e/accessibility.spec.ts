import AxeBuilder from "@axe-core/playwright";
import { expect, signInApi, test } from "./support/fixtures";
import { PAGE_ROUTES as ROUTES, resolveUrl } from "./support/page-routes";

// Every page of the portal, for every kind of person, in both themes, passes an axe-core scan with no serious or
// critical violation (WCAG 2.2 AA rules; no rule disabled). The pages come from app/**/page.tsx, so a new page is
// scanned without editing this test; dynamic segments are filled with the demo mesh's Orders product.

const PEOPLE = [
  { who: "an admin", email: "admin@meshwork.dev" },
  { who: "a steward", email: "steward@meshwork.dev" },
  { who: "a team owner", email: "olivia@meshwork.dev" },
  { who: "a team member", email: "omar@meshwork.dev" },
  { who: "a user in no team", email: "visitor@meshwork.dev" },
];
const THEMES = ["light", "dark"] as const;

test("every page file has a URL to scan", () => {
  expect(ROUTES.length).toBeGreaterThan(10);
  expect(ROUTES.filter((r) => r.url === null).map((r) => r.route), "add a demo value for these dynamic segments to SEGMENTS").toEqual([]);
});

for (const theme of THEMES) {
  for (const person of PEOPLE) {
    test(`axe finds no serious or critical violation on any page for ${person.who}, ${theme} theme`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ baseURL, colorScheme: theme });
      await signInApi(context.request, person.email);
      const page = await context.newPage();
      const problems: string[] = [];
      for (const { route, url } of ROUTES) {
        if (!url || route === "/sign-in") continue;
        await page.goto(await resolveUrl(url, context.request));
        // Client data (react-query) has arrived when no skeleton is left.
        await page.locator("[data-skeleton]").first().waitFor({ state: "detached", timeout: 5_000 }).catch(() => {});
        const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          problems.push(`${url} — ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
        }
      }
      await context.close();
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
  test(`axe finds no serious or critical violation on the sign-in page, ${theme} theme`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, colorScheme: theme });
    const page = await context.newPage();
    await page.goto("/sign-in");
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
    await context.close();
    expect(serious, serious.join("\n")).toEqual([]);
  });
}
