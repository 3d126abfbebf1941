import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "@/lib/testing/call-route";
import { apiReference } from "./api-reference";
import { openApiDocument } from "./openapi-document";

describe("the API reference page's view of the OpenAPI description", () => {
  const reference = apiReference();
  const operations = reference.groups.flatMap((g) => g.operations);

  it("has every operation of the description, once", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const expected = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(expected.sort());
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
  });

  it("has every route handler under app/api/v1 (found on disk, so a new route that is not described fails here)", async () => {
    const root = path.join(APP_DIR, "api/v1");
    const folders = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts").map((f) => path.dirname(f).split(path.sep).join("/"));
    const handlers: string[] = [];
    for (const folder of folders) {
      const route = `/${folder}`.replace(/\/\.$/, "").replace(/\[([^\]]+)\]/g, "{$1}");
      // The description itself is not one of its operations, nor is the catch-all answering paths no route serves.
      if (route === "/openapi.json" || route === "/{...unknown}") continue;
      const handlersOf = (await import(path.join(root, folder, "route.ts"))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (typeof handlersOf[method] === "function") handlers.push(`${method} ${route}`);
    }
    expect(handlers.length).toBeGreaterThan(50);
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(expect.arrayContaining(handlers.sort()));
  });

  it("groups by the first path segment and lists parameters, body fields and responses", () => {
    const audit = reference.groups.find((g) => g.id === "api-audit-events")!;
    const exportCsv = audit.operations.find((o) => o.path === "/audit-events/export")!;
    expect(exportCsv.method).toBe("GET");
    expect(exportCsv.parameters.map((p) => p.name)).toEqual(["action", "entityType", "entityId", "actor", "from", "to"]);
    expect(exportCsv.responses.map((r) => r.status)).toContain("200");

    const createToken = operations.find((o) => o.method === "POST" && o.path === "/tokens")!;
    expect(createToken.body?.name).toBe("TokenRequest");
    expect(createToken.body?.fields).toContainEqual(expect.objectContaining({ name: "name", required: true }));
  });
});
