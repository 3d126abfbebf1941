import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "./change-product-status";
import { getDataProduct } from "./get-data-product";
import { countRows, createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";

let admin: Actor;
let steward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("a team owner moves a product through its lifecycle", () => {
  it("publishes, deprecates with a reason and sunset date, then retires it", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);

    expect(await changeProductStatus(owner, product.id, { status: "published" })).toMatchObject({ status: "published", deprecationReason: null, sunsetDate: null });

    const sunset = isoDay(30);
    const deprecated = await changeProductStatus(owner, product.urn, { status: "deprecated", reason: "Replaced by orders v2", sunsetDate: sunset });
    expect(deprecated.status).toBe("deprecated");
    expect(deprecated.deprecationReason).toBe("Replaced by orders v2");
    expect(deprecated.sunsetDate?.toISOString().slice(0, 10)).toBe(sunset);
    const page = await getDataProduct(owner, product.id);
    expect(page).toMatchObject({ status: "deprecated", deprecationReason: "Replaced by orders v2" });

    const retired = await changeProductStatus(owner, product.id, { status: "retired" });
    expect(retired.status).toBe("retired");
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("retired");
  });

  it("lets a deprecation be withdrawn, clearing its reason and date", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await changeProductStatus(owner, product.id, { status: "published" });
    await changeProductStatus(owner, product.id, { status: "deprecated", reason: "Probably obsolete", sunsetDate: isoDay(10) });
    const back = await changeProductStatus(owner, product.id, { status: "published" });
    expect(back).toMatchObject({ status: "published", deprecationReason: null, sunsetDate: null });
  });

  it("lets a draft be abandoned straight to retired", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    expect((await changeProductStatus(owner, product.id, { status: "retired" })).status).toBe("retired");
  });

  it("requires a reason and a sunset date to deprecate", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await changeProductStatus(owner, product.id, { status: "published" });

    const missing = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "deprecated" }), "validation_failed");
    expect(missing.details.map((d) => d.path).sort()).toEqual(["reason", "sunsetDate"]);
    const badDate = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "deprecated", reason: "Old stuff", sunsetDate: "soon" }), "validation_failed");
    expect(badDate.details.map((d) => d.path)).toEqual(["sunsetDate"]);
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("published");
  });

  it("refuses a sunset date in the past but accepts today", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await changeProductStatus(owner, product.id, { status: "published" });
    const before = await countRows();

    await expectMeshworkError(changeProductStatus(owner, product.id, { status: "deprecated", reason: "Old stuff", sunsetDate: isoDay(-1) }), "validation_failed");
    const error = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "deprecated", reason: "Old stuff", sunsetDate: "2020-02-29" }), "validation_failed");
    expect(error.details).toEqual([{ path: "sunsetDate", message: "must be today or later" }]);
    expect(await countRows()).toEqual(before);
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("published");

    expect((await changeProductStatus(owner, product.id, { status: "deprecated", reason: "Old stuff", sunsetDate: isoDay(0) })).status).toBe("deprecated");
  });

  it("refuses transitions the lifecycle does not allow, naming the allowed ones", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);

    const fromDraft = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "deprecated", reason: "Never used", sunsetDate: isoDay(5) }), "conflict");
    expect(fromDraft.message).toBe("A draft product cannot become deprecated (it can become published or retired).");

    await changeProductStatus(owner, product.id, { status: "published" });
    const fromPublished = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "retired" }), "conflict");
    expect(fromPublished.message).toBe("A published product cannot become retired (it can become deprecated).");
    const again = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "published" }), "conflict");
    expect(again.message).toContain("it can become deprecated");

    await changeProductStatus(owner, product.id, { status: "deprecated", reason: "Replaced", sunsetDate: isoDay(1) });
    await changeProductStatus(owner, product.id, { status: "retired" });
    const fromRetired = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "published" }), "conflict");
    expect(fromRetired.message).toBe("A retired product cannot become published.");
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("retired");
  });

  it("refuses an unknown status by path", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const error = await expectMeshworkError(changeProductStatus(owner, product.id, { status: "archived" }), "validation_failed");
    expect(error.details.map((d) => d.path)).toEqual(["status"]);
  });
});

describe("who may change the status", () => {
  it("only the owning team's owners and admins, not its plain members or stewards", async () => {
    const { owner, member } = await createOwnedTeam(admin);
    const other = await createOwnedTeam(admin);
    const product = await registerProduct(member);
    const before = await countRows();

    for (const refused of [member, steward]) {
      const error = await expectMeshworkError(changeProductStatus(refused, product.id, { status: "published" }), "forbidden");
      expect(error.message).toContain("Only owners");
    }
    // Another team's owner cannot even see the draft.
    await expectMeshworkError(changeProductStatus(other.owner, product.id, { status: "published" }), "not_found");
    expect(await countRows()).toEqual(before);
    expect((await getDataProduct(member, product.id)).permissions).toEqual({ canEdit: true, canChangeStatus: false });

    expect((await changeProductStatus(owner, product.id, { status: "published" })).status).toBe("published");
    await expectMeshworkError(changeProductStatus(other.owner, product.id, { status: "deprecated", reason: "Not yours", sunsetDate: isoDay(3) }), "forbidden");
    expect((await changeProductStatus(admin, product.id, { status: "deprecated", reason: "Platform cleanup", sunsetDate: isoDay(3) })).status).toBe("deprecated");
  });
});

describe("who can see a product at each stage", () => {
  it("hides drafts and retired products from outsiders but not from the team, stewards and admins", async () => {
    const { owner, member } = await createOwnedTeam(admin);
    const other = await createOwnedTeam(admin);
    const analyst = await createUser();
    const product = await registerProduct(owner);

    for (const outsider of [analyst, other.owner]) {
      const error = await expectMeshworkError(getDataProduct(outsider, product.urn), "not_found");
      expect(error.message).toBe(`Data product ${product.urn} was not found.`);
      await expectMeshworkError(getDataProduct(outsider, product.id), "not_found");
    }
    for (const insider of [owner, member, steward, admin]) {
      expect((await getDataProduct(insider, product.urn)).status).toBe("draft");
    }

    await changeProductStatus(owner, product.id, { status: "published" });
    for (const anyone of [analyst, other.owner]) {
      const page = await getDataProduct(anyone, product.urn);
      expect(page.status).toBe("published");
      expect(page.permissions).toEqual({ canEdit: false, canChangeStatus: false });
    }

    await changeProductStatus(owner, product.id, { status: "deprecated", reason: "Going away", sunsetDate: isoDay(1) });
    expect((await getDataProduct(analyst, product.urn)).status).toBe("deprecated");

    await changeProductStatus(owner, product.id, { status: "retired" });
    await expectMeshworkError(getDataProduct(analyst, product.urn), "not_found");
    expect((await getDataProduct(steward, product.urn)).status).toBe("retired");
  });

  it("reports a malformed or unknown reference as not found", async () => {
    const analyst = await createUser();
    await expectMeshworkError(getDataProduct(analyst, "not-a-uuid"), "not_found");
    await expectMeshworkError(getDataProduct(analyst, "00000000-0000-4000-8000-000000000000"), "not_found");
    await expectMeshworkError(getDataProduct(analyst, "urn:meshwork:nowhere:nothing"), "not_found");
    await expectMeshworkError(changeProductStatus(admin, "nope", { status: "published" }), "not_found");
  });
});
