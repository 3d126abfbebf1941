import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { auditCsvRows, AUDIT_CSV_COLUMNS } from "./export-audit-csv";
import { listAuditEvents } from "./list-audit-events";

let admin: Actor;
let steward: Actor;
let entityId: string;

// Four events of one entity of this run, one a day around the turn of November, at known times (UTC).
const TIMES = ["2026-10-30T23:30:00.000Z", "2026-10-31T08:00:00.000Z", "2026-11-01T00:00:00.000Z", "2026-11-02T12:00:00.000Z"];

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  entityId = unique("csv-entity");
  for (const [i, at] of TIMES.entries()) {
    await db.auditEvent.create({ data: { at: new Date(at), actorId: admin.id, actorLabel: `${admin.name} <${admin.email}>`, action: "test.csv", entityType: "test_entity", entityId, summary: `event ${i}`, after: { n: i } } });
  }
});

const summaries = async (query: Record<string, string>) => (await listAuditEvents(steward, { entityId, ...query })).items.map((e) => e.summary);

describe("the audit log's date range", () => {
  it("takes whole days in UTC, both ends included", async () => {
    expect(await summaries({ from: "2026-10-31", to: "2026-10-31" })).toEqual(["event 1"]);
    expect(await summaries({ from: "2026-10-31" })).toEqual(["event 3", "event 2", "event 1"]);
    expect(await summaries({ to: "2026-11-01" })).toEqual(["event 2", "event 1", "event 0"]);
  });

  it("takes exact times too (a browser sends the bounds of days in its own time zone)", async () => {
    expect(await summaries({ from: "2026-10-30T23:30:00.000Z", to: "2026-11-01T00:00:00.000Z" })).toEqual(["event 2", "event 1", "event 0"]);
    expect(await summaries({ from: "2026-10-30T23:30:00.001Z", to: "2026-10-31T23:59:59.999Z" })).toEqual(["event 1"]);
  });

  it("refuses an end before the start, and a date that is not one, in plain words", async () => {
    const reversed = await expectMeshworkError(listAuditEvents(steward, { from: "2026-11-02", to: "2026-11-01" }), "validation_failed");
    expect(reversed.details).toEqual([{ path: "to", message: "must not be before the start of the range" }]);
    const wrong = await expectMeshworkError(listAuditEvents(steward, { from: "last tuesday" }), "validation_failed");
    expect(wrong.details).toEqual([{ path: "from", message: "must be a date (YYYY-MM-DD) or a date and time" }]);
  });
});

describe("audit entities link to their pages", () => {
  it("links a product's events to the product page, by its name", async () => {
    const { member } = await createOwnedTeam(admin);
    const product = await registerProduct(member);
    const [event] = (await listAuditEvents(steward, { entityId: product.id })).items;
    const { name, slug, domain } = await db.dataProduct.findUniqueOrThrow({ where: { id: product.id }, include: { domain: true } });
    expect(event.entity).toEqual({ href: `/products/${domain.slug}/${slug}`, name });
  });

  it("gives no link to an entity without a page", async () => {
    const [event] = (await listAuditEvents(steward, { entityId })).items;
    expect(event.entity).toBeNull();
  });
});

describe("CSV of the audit log", () => {
  it("quotes commas, quotes and line breaks, and keeps a formula from running in a spreadsheet", () => {
    const csv = auditCsvRows(
      [{ id: 7n, at: new Date("2026-11-01T10:00:00Z"), actorLabel: 'Ann "A" Lee, <ann@x.test>', action: "product.update", entityType: "data_product", entityId: "p-1", summary: "=HYPERLINK(\"http://evil\")\nsecond line", before: { a: 1 }, after: null }],
      { header: true },
    );
    const [header, row] = parse(csv) as string[][];
    expect(header).toEqual(AUDIT_CSV_COLUMNS);
    expect(row).toEqual(["7", "2026-11-01T10:00:00.000Z", 'Ann "A" Lee, <ann@x.test>', "product.update", "data_product", "p-1", "'=HYPERLINK(\"http://evil\")\nsecond line", '{"a":1}', ""]);
  });

  it("streams the events of the current filter, newest first, to a steward", async () => {
    const { token } = await createApiToken(steward, { name: "audit csv" });
    const response = await callRoute("api/v1/audit-events/export", "GET", { token, query: new URLSearchParams({ entityId, from: "2026-10-31", to: "2026-11-01" }).toString() });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="meshwork-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parse(await response.text()) as string[][];
    expect(header).toEqual(AUDIT_CSV_COLUMNS);
    expect(rows.map((r) => [r[1], r[6], r[8]])).toEqual([
      ["2026-11-01T00:00:00.000Z", "event 2", '{"n":2}'],
      ["2026-10-31T08:00:00.000Z", "event 1", '{"n":1}'],
    ]);
  });

  it("streams more events than one batch, each once", async () => {
    const many = unique("csv-many");
    await db.auditEvent.createMany({ data: Array.from({ length: 1203 }, (_, i) => ({ actorLabel: "system", action: "test.csv", entityType: "test_entity", entityId: many, summary: `many ${i}` })) });
    const { token } = await createApiToken(steward, { name: "audit csv many" });
    const response = await callRoute("api/v1/audit-events/export", "GET", { token, query: `entityId=${many}` });
    const rows = (parse(await response.text()) as string[][]).slice(1);
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r[0])).size).toBe(1203);
    expect(rows[0][6]).toBe("many 1202");
    expect(rows.at(-1)![6]).toBe("many 0");
  });

  it("is refused to someone who may not read the audit log, before any row is sent", async () => {
    const { member } = await createOwnedTeam(admin);
    const { token } = await createApiToken(member, { name: "not audit" });
    const response = await callRoute("api/v1/audit-events/export", "GET", { token, query: `entityId=${entityId}` });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await response.json()).error).toMatchObject({ code: "forbidden", message: "Only governance stewards and admins can read the audit log." });
  });

  it("refuses a reversed date range with 422", async () => {
    const { token } = await createApiToken(steward, { name: "audit csv range" });
    const response = await callRoute("api/v1/audit-events/export", "GET", { token, query: "from=2026-11-02&to=2026-11-01" });
    expect(response.status).toBe(422);
  });
});
