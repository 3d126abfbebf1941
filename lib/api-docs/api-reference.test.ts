import { describe, expect, it } from "vitest";
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
