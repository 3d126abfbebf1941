import { readdirSync, statSync } from "node:fs";
import path from "node:path";

// Every page of the portal, from app/**/page.tsx, so that a new page is checked by the page-wide tests (axe, phone
// width) without editing them. Dynamic segments are filled with the demo mesh's Orders product.

// A dynamic segment's value, by the segment before it and itself.
const SEGMENTS: Record<string, string> = {
  "products/[domain]": "orders",
  "[domain]/[slug]": "orders",
  "domains/[slug]": "orders",
  "ports/[port]": "order-events",
  "by-urn/[urn]": encodeURIComponent("urn:meshwork:orders:orders"),
  "teams/[team]": "order-platform",
  // Ids that exist only at run time are looked up by resolveUrl.
  "events/[id]": "@audit-event",
};

/** A page URL with its run-time ids filled in (the newest audit event, read as an admin can). */
export async function resolveUrl(url: string, request: import("@playwright/test").APIRequestContext): Promise<string> {
  if (!url.includes("@audit-event")) return url;
  const response = await request.get("/api/v1/audit-events?pageSize=1");
  const id = response.ok() ? ((await response.json()).items?.[0]?.id as string | undefined) : undefined;
  return url.replace("@audit-event", id ?? "00000000-0000-0000-0000-000000000000");
}

function pageRoutes(dir = path.resolve(import.meta.dirname, "../../app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === "api" || entry.startsWith("_")) continue;
      // Route groups `(name)` add no path segment.
      routes.push(...pageRoutes(full, entry.startsWith("(") ? prefix : `${prefix}/${entry}`));
    } else if (entry === "page.tsx") routes.push(prefix || "/");
  }
  return routes;
}

function concrete(route: string): string | null {
  const parts = route.split("/");
  for (let i = 1; i < parts.length; i++) {
    if (!parts[i].startsWith("[")) continue;
    const value = SEGMENTS[`${route.split("/")[i - 1]}/${route.split("/")[i]}`];
    if (value === undefined) return null;
    parts[i] = value;
  }
  return parts.join("/");
}

export const PAGE_ROUTES: { route: string; url: string | null }[] = pageRoutes().map((r) => ({ route: r, url: concrete(r) }));
