import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryApi } from "@/lib/registry/registry-api";
import { loadRoute } from "@/lib/testing/call-route";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createUser, unique } from "@/lib/testing/fixtures";

// Issue 7, item 10: the dedicated registry listener checks credentials before it reads a body, streams the
// body with the web app's limit (MAX_BODY_BYTES, 1 MB by default), and imports lib/ only, never app/.

const ROOT = path.resolve(import.meta.dirname, "..");
const port = 20_000 + Math.floor(Math.random() * 20_000);
let listener: ChildProcess;
let token: string;

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the registry listener did not start");
}

beforeAll(async () => {
  token = (await createApiToken(await createUser({ role: "admin" }), { name: "listener" })).token;
  listener = spawn("npx", ["tsx", "bin/registry-server.ts"], { cwd: ROOT, env: { ...process.env, REGISTRY_PORT: String(port), NEXTAUTH_SECRET: "registry-listener-test-secret-0123456789" }, stdio: "ignore", detached: true });
  await waitForHealth(Date.now() + 30_000);
  // One authenticated call first, so the timings below measure the body handling, not the first database connection.
  await fetch(`http://127.0.0.1:${port}/subjects`, { headers: { authorization: `Bearer ${token}` } });
}, 60_000);

afterAll(() => {
  if (listener.pid) process.kill(-listener.pid, "SIGTERM");
});

type Sent = { status: number; ms: number; body: string };

/**
 * POSTs `sent` bytes of a body that claims `declared` bytes (or is chunked when declared is null) and keeps the
 * request open: an answer before the body ends proves the listener did not wait for all of it.
 */
function postPartial({ auth, declared, sent, finish = false }: { auth: boolean; declared: number | null; sent: number; finish?: boolean }): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string | number> = { "content-type": "application/vnd.schemaregistry.v1+json" };
    if (declared !== null) headers["content-length"] = declared;
    if (auth) headers.authorization = `Basic ${Buffer.from(`ci:${token}`).toString("base64")}`;
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: `/subjects/${unique("big")}-value/versions`, headers });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer within 2 s after sending ${sent} of ${declared ?? "chunked"} bytes`));
    }, 2_000);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString() });
        request.destroy();
      });
    });
    request.on("error", () => {});
    const piece = Buffer.alloc(64 * 1024, "x");
    for (let written = 0; written < sent; written += piece.length) request.write(piece.subarray(0, Math.min(piece.length, sent - written)));
    if (finish) request.end();
  });
}

describe("the dedicated registry listener", () => {
  it("refuses an unauthenticated 3 MB body with 401 before reading it", async () => {
    const partial = await postPartial({ auth: false, declared: 3_000_000, sent: 64 * 1024 });
    expect(partial.status).toBe(401);
    expect(partial.ms).toBeLessThan(500);
    const whole = await postPartial({ auth: false, declared: 3_000_000, sent: 3_000_000, finish: true });
    expect(whole.status).toBe(401);
    expect(whole.ms).toBeLessThan(500);
  });

  it("refuses an oversized authenticated body with 413 without waiting for the rest", async () => {
    const declared = await postPartial({ auth: true, declared: 3_000_000, sent: 64 * 1024 });
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(500);
    const chunked = await postPartial({ auth: true, declared: null, sent: 1_200_000 });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toMatch(/larger than/);
  });

  it("still registers a schema sent in a normal body", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/subjects/${unique("small")}-value/versions`, {
      method: "POST",
      headers: { "content-type": "application/vnd.schemaregistry.v1+json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ schema: JSON.stringify({ type: "record", name: "Small", fields: [{ name: "id", type: "string" }] }) }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: expect.any(Number) });
  });

  it("serves exactly the web app's registry routes: each app/api/schema-registry route.ts re-exports registryApi", async () => {
    const base = path.join(ROOT, "app/api/schema-registry");
    const folders = fs.readdirSync(base, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts").map((f) => path.dirname(f).split(path.sep).join("/"));
    expect(folders.sort()).toEqual(Object.keys(registryApi).sort());
    for (const folder of folders) {
      const routeModule = await loadRoute(`api/schema-registry/${folder}`);
      const table = registryApi[folder as keyof typeof registryApi] as Record<string, unknown>;
      expect(Object.keys(routeModule).sort(), folder).toEqual(Object.keys(table).sort());
      for (const method of Object.keys(table)) expect(routeModule[method], `${folder} ${method} must be registryApi["${folder}"].${method}`).toBe(table[method]);
    }
  });

  it("imports lib/ only, never app/", () => {
    const source = fs.readFileSync(path.join(ROOT, "bin/registry-server.ts"), "utf8");
    expect(source).not.toMatch(/["'`/]app\//);
  });
});

describe("the listener's responses", () => {
  it("carry the same security headers as the web app's API responses, errors included", async () => {
    for (const [pathname, auth] of [["/subjects", true], ["/subjects", false], ["/no-such-route", true]] as const) {
      const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} });
      expect(response.headers.get("x-content-type-options"), pathname).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), pathname).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("content-security-policy"), pathname).toContain("frame-ancestors 'none'");
    }
  });
});
