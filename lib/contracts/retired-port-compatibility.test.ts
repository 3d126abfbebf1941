import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { RegistryError } from "@/lib/registry/registry-error";
import { setCompatibilityLevel } from "@/lib/registry/set-compatibility-level";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";
import { setPortCompatibility } from "./set-port-compatibility";

// Issue 7, item 9: a retired product's ports keep the compatibility they had, through the API and the registry alike.

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

async function retiredPort() {
  const { owner } = await createOwnedTeam(admin);
  const product = await registerProduct(owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  await changeProductStatus(owner, product.id, { status: "retired" });
  return { owner, port, subject: `${port.location}-value` };
}

describe("a retired product's port compatibility", () => {
  it("cannot change through the API: 409, nothing written", async () => {
    const { owner, port } = await retiredPort();
    for (const actor of [owner, admin]) {
      const error = await expectMeshworkError(setPortCompatibility(actor, port.id, { mode: "NONE" }), "conflict");
      expect(error.message).toMatch(/retired/);
    }
    expect((await db.port.findUniqueOrThrow({ where: { id: port.id } })).compatibilityMode).toBe(port.compatibilityMode);
    expect(await db.auditEvent.count({ where: { action: "port.compatibility", entityId: port.id } })).toBe(0);
  });

  it("cannot change through the registry's PUT /config/{subject}: 409", async () => {
    const { owner, port, subject } = await retiredPort();
    for (const actor of [owner, admin]) {
      const error = await setCompatibilityLevel(actor, subject, { compatibility: "NONE" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).status).toBe(409);
      expect((error as RegistryError).message).toMatch(/retired/);
    }
    expect((await db.port.findUniqueOrThrow({ where: { id: port.id } })).compatibilityMode).toBe(port.compatibilityMode);
  });

  it("still changes while the product is live", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
    expect(await setPortCompatibility(owner, port.id, { mode: "FULL" })).toEqual({ mode: "FULL" });
    expect(await setCompatibilityLevel(owner, `${port.location}-value`, { compatibility: "NONE" })).toEqual({ compatibility: "NONE" });
  });
});
