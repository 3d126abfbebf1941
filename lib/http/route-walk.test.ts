import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { APP_DIR, callRoute, loadRoute, paramName, type RouteModule } from "@/lib/testing/call-route";
import { createUser } from "@/lib/testing/fixtures";
import { topicPortWithContract } from "@/lib/testing/table-port-fixture";

// Walks every app/**/route.ts with hostile path parameters, queries and bodies and fails on any 5xx.
// The routes are found on disk, so a new route is walked without editing this file.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// NextAuth's own handler needs Next's request scope (cookies(), headers()); it is next-auth's code, not ours.
const SKIPPED = new Set(["api/auth/[...nextauth]"]);

type Route = { folder: string; segments: string[]; module: RouteModule };

function findRoutes(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRoutes(full);
    return entry.name === "route.ts" ? [path.relative(APP_DIR, dir).split(path.sep).join("/")] : [];
  });
}

const BAD_ESCAPES = ["%", "%25", "abc%", "%E0%A4%A", "%C0%AE", "%%", "%zz", "%u0041"];
const HOSTILE_PARAMS = [
  ...BAD_ESCAPES,
  "\u0000",
  "a\u0000b",
  "x".repeat(5000),
  "ü🙂‮name",
  "-1",
  "0",
  "1.5",
  "2147483648",
  "99999999999999999999",
  "1e309",
  "NaN",
  "..",
  " ",
  "latest",
  "00000000-0000-0000-0000-000000000000",
  "urn:meshwork:x:y:z:w",
];
const HOSTILE_QUERY_VALUES = ["\u0000", "%", "-1", "99999999999999999999", "x".repeat(5000), "", "ü🙂‮"];
const COMMON_QUERY_KEYS = ["q", "domain", "tag", "team", "status", "classification", "portType", "page", "pageSize", "sort", "format", "against", "verbose", "deleted", "permanent", "defaultToGlobal", "port", "entityType", "entityId", "action", "actor", "limit", "cursor", "before", "after", "focus", "depth", "up", "down", "kinds", "maxNodes"];
const BODY_KEYS = ["name", "description", "slug", "domain", "team", "email", "role", "status", "reason", "sunsetDate", "mode", "compatibility", "compatibilityLevel", "contract", "customSchema", "schemaType", "draft", "note", "port", "schema", "references", "tags", "classification", "containsPersonalData", "outputPorts", "inputPorts", "expiresInDays", "urn", "owner", "id", "version"];

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const ALIAS_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
const HOSTILE_VALUES: unknown[] = ["\u0000", "a\u0000", "x".repeat(100_000), "‮evil", 1e308, -1, 2 ** 53 + 1, 99999999999999999999, {}, [], null, true, "%E0%A4%A"];

type BodyCase = { label: string; body: string | Uint8Array<ArrayBuffer>; contentType: string; raw?: boolean };

function bodyCases(): BodyCase[] {
  const json = (label: string, value: unknown): BodyCase => ({ label, body: JSON.stringify(value), contentType: "application/json" });
  const raw = (label: string, body: string | Uint8Array<ArrayBuffer>, contentType = "application/json"): BodyCase => ({ label, body, contentType, raw: true });
  const versionOverflow = YAML.stringify({ apiVersion: "v3.1.0", kind: "DataContract", id: "x", version: "99999999999999999999.0.0", status: "active", schema: [] });
  return [
    raw("empty body", ""),
    raw("malformed JSON", "{"),
    raw("truncated JSON", '{"name":'),
    raw("JSON with a raw NUL", '{"name":"a\u0000b"}'),
    raw("JSON with an escaped NUL", '{"name":"a\\u0000b"}'),
    raw("JSON null", "null"),
    raw("JSON array", "[]"),
    raw("JSON number", "123"),
    raw("JSON string", '"text"'),
    raw("deeply nested array", deep(20_000)),
    raw("deeply nested object", deepObject(20_000)),
    raw("invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xc0, 0xae, 0xff, 0x22, 0x3a, 0x31, 0x7d])),
    raw("2 MB body", `{"name":"${"x".repeat(2_000_000)}"}`),
    ...HOSTILE_VALUES.map((value) => json(`every field = ${JSON.stringify(value)?.slice(0, 20)}`, Object.fromEntries(BODY_KEYS.map((k) => [k, value])))),
    ...BODY_KEYS.map((key) => json(`${key} with a NUL`, { [key]: "a\u0000b" })),
    json("deprecation reason with a NUL", { status: "deprecated", reason: "going away \u0000 soon", sunsetDate: "2999-01-01" }),
    json("unknown fields", { status: "published", urn: "urn:meshwork:x:y", owner: "me", __proto__x: 1, constructor: "x" }),
    json("contract alias bomb", { contract: ALIAS_BOMB }),
    json("contract with NUL", { contract: "apiVersion: v3.1.0\nkind: DataContract\nid: \u0000\n" }),
    json("contract version overflow", { contract: versionOverflow }),
    json("registry schema NUL", { schema: "\u0000" }),
    json("registry schema deep", { schema: deep(20_000) }),
    json("registry recursive avro", { schema: JSON.stringify({ type: "record", name: "R", fields: [{ name: "r", type: ["null", "R"] }] }) }),
    json("registry empty union", { schema: "[]" }),
    json("registry JSON schema recursive", { schemaType: "JSON", schema: JSON.stringify({ $ref: "#" }) }),
    json("registry bad references", { schema: '"string"', references: [{ name: 1, subject: null, version: 1e309 }] }),
    raw("YAML alias bomb", ALIAS_BOMB, "application/yaml"),
    raw("YAML with a NUL", "name: a\u0000b\ndomain: x\n", "application/yaml"),
    raw("YAML syntax error", "a: [\n", "application/yaml"),
    raw("YAML deep", "a:\n" + Array.from({ length: 2000 }, (_, i) => `${"  ".repeat(i + 1)}b${i}:`).join("\n"), "application/yaml"),
    raw("YAML contract version overflow", versionOverflow, "application/yaml"),
  ];
}

let admin: Actor;
let outsider: Actor;
let adminToken: string;
let outsiderToken: string;
const paramValues: Record<string, (folder: string) => string> = {};
const failures: string[] = [];
let calls = 0;
let lastConsoleError = "";

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  outsider = await createUser();
  const team = await topicPortWithContract(admin);
  const { product, port, published } = team;
  adminToken = (await createApiToken(admin, { name: "route walk" })).token;
  outsiderToken = (await createApiToken(outsider, { name: "route walk" })).token;
  const spareToken = await createApiToken(admin, { name: "to revoke" });
  const ids: Record<string, string> = { "data-products": product.id, contracts: published.id, teams: team.team.id, tokens: spareToken.id, ids: String(published.schemaId ?? 1) };
  paramValues.id = (folder) => ids[folder.split("/").at(-2) ?? ""] ?? ids[folder.split("/").find((s) => s in ids) ?? ""] ?? randomUUID();
  paramValues.port = () => port.id;
  paramValues.slug = () => team.domain.slug;
  paramValues.userId = () => team.member.id;
  paramValues.subject = () => `${port.location}-value`;
  paramValues.version = () => "1";
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lastConsoleError = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(" ").replace(/\s+/g, " ").slice(0, 240);
  });
});

afterAll(() => {
  vi.restoreAllMocks();
});

async function loadRoutes(): Promise<Route[]> {
  const folders = findRoutes(APP_DIR).filter((f) => !SKIPPED.has(f)).sort();
  return Promise.all(folders.map(async (folder) => ({ folder, segments: folder.split("/"), module: await loadRoute(folder) })));
}

function baselineParams(route: Route): Record<string, string> {
  return Object.fromEntries(route.segments.map(paramName).filter((n): n is string => !!n).map((name) => [name, (paramValues[name] ?? (() => "x"))(route.folder)]));
}

/** Query keys the route reads: the common filters plus any `searchParams.get("...")` in its own source. */
function queryKeys(route: Route): string[] {
  const source = fs.readFileSync(path.join(APP_DIR, route.folder, "route.ts"), "utf8");
  return [...new Set([...COMMON_QUERY_KEYS, ...[...source.matchAll(/searchParams\.get\("(\w+)"\)/g)].map((m) => m[1])])];
}

type Call = { route: Route; method: string; params: Record<string, string>; query?: string; body?: BodyCase; token: string | null; label: string };

async function call({ route, method, params, query = "", body, token, label }: Call): Promise<void> {
  const where = `${method} /${route.folder} [${label}]`;
  calls++;
  lastConsoleError = "";
  try {
    const response = await callRoute(route.folder, method, { params, query, body: body?.body, contentType: body?.contentType, token });
    if (response.status >= 500) failures.push(`${where} → ${response.status} ${(await response.text()).slice(0, 120)} ${lastConsoleError}`);
  } catch (error) {
    failures.push(`${where} → threw ${(error as Error).name}: ${(error as Error).message.slice(0, 150)}`);
  }
}

describe("every route, walked with hostile input", () => {
  it("never answers 5xx", { timeout: 600_000 }, async () => {
    const routes = await loadRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const bodies = bodyCases();
    for (const route of routes) {
      for (const method of METHODS.filter((m) => typeof route.module[m] === "function")) {
        const base = baselineParams(route);
        const names = Object.keys(base);
        await call({ route, method, params: base, token: adminToken, label: "baseline" });
        await call({ route, method, params: base, token: null, label: "no credentials" });
        await call({ route, method, params: base, token: "not-a-token", label: "unknown token" });
        for (const name of names) {
          for (const value of HOSTILE_PARAMS) {
            await call({ route, method, params: { ...base, [name]: value }, token: adminToken, label: `${name}=${JSON.stringify(value.slice(0, 20))}` });
          }
        }
        if (method === "GET") {
          // Every key at once per hostile value, each key alone for the likeliest to slip through, every key repeated.
          const keys = queryKeys(route);
          const all = (value: string) => keys.map((key) => `${key}=${encodeURIComponent(value)}`).join("&");
          for (const value of HOSTILE_QUERY_VALUES) {
            await call({ route, method, params: base, query: all(value), token: adminToken, label: `?every key=${JSON.stringify(value.slice(0, 20))}` });
          }
          for (const key of keys) {
            for (const value of ["\u0000", "99999999999999999999"]) {
              await call({ route, method, params: base, query: `${key}=${encodeURIComponent(value)}`, token: adminToken, label: `?${key}=${JSON.stringify(value)}` });
            }
          }
          await call({ route, method, params: base, query: keys.map((key) => `${key}=a&${key}=b`).join("&"), token: adminToken, label: "?every key repeated" });
        } else {
          for (const body of bodies) {
            await call({ route, method, params: base, body, token: adminToken, label: `admin: ${body.label}` });
          }
          // A caller who may not act still gets its malformed bodies refused as such, never a 500.
          for (const body of bodies.filter((b) => b.raw)) {
            await call({ route, method, params: base, body, token: outsiderToken, label: `outsider: ${body.label}` });
          }
        }
      }
    }
    console.log(`route walk: ${routes.length} routes, ${calls} calls, ${failures.length} answered 5xx`);
    expect(failures.length, `${failures.length} of ${calls} calls answered 5xx:\n${failures.join("\n")}\n`).toBe(0);
  });
});
