import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { MeshworkError } from "@/lib/errors";
import { createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";
import { decideContractVersion } from "./decide-contract-version";
import { submitContractVersion } from "./submit-contract-version";

let admin: Actor;
let steward: Actor;
let secondSteward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  secondSteward = await createUser({ role: "steward" });
});

/** An ODCS contract for a topic with the given fields (name:type, required when the type ends in "!"). */
function contractYaml(topic: string, version: string, fields: string[]): string {
  const properties = fields.flatMap((f) => {
    const [name, type] = f.split(":");
    return [`      - name: ${name}`, `        logicalType: ${type.replace("!", "")}`, ...(type.endsWith("!") ? ["        required: true"] : [])];
  });
  return [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: ${topic}`,
    `name: Orders on ${topic}`,
    `version: ${version}`,
    "status: active",
    "domain: sales",
    "schema:",
    "  - name: orders",
    `    physicalName: ${topic}`,
    "    logicalType: object",
    "    properties:",
    ...properties,
    "",
  ].join("\n");
}

const BASE = ["order_id:string!", "amount:number!"];
const BREAKING = ["order_id:string!", "amount:string!"];

/** A fresh topic port whose 1.0.0 is active. */
async function portWithActiveContract() {
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  await submitContractVersion(team.owner, port.id, { contract: contractYaml(port.location!, "1.0.0", BASE) });
  return { owner: team.owner, port, topic: port.location! };
}

const activeVersions = (portId: string) => db.contractVersion.findMany({ where: { portId, status: "active" }, select: { version: true } });

/** Every loser of a race is refused with a 4xx MeshworkError (never a raw database error). */
function expectOnlyRefusals(results: PromiseSettledResult<unknown>[], codes: string[]) {
  for (const r of results) {
    if (r.status === "rejected") {
      expect(r.reason, String(r.reason)).toBeInstanceOf(MeshworkError);
      expect(codes).toContain((r.reason as MeshworkError).code);
    }
  }
}

describe("contract decisions and publications racing each other have one winner", () => {
  it("approve and reject at once: exactly one succeeds, the other gets 409", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, port, topic } = await portWithActiveContract();
      const pending = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", BREAKING) });
      expect(pending.status).toBe("pending_approval");

      const results = await Promise.allSettled([decideContractVersion(steward, pending.id, "approve", {}), decideContractVersion(secondSteward, pending.id, "reject", {})]);

      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expectOnlyRefusals(results, ["conflict"]);
      const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ status: string }>).value;
      const row = await db.contractVersion.findUniqueOrThrow({ where: { id: pending.id } });
      expect(row.status).toBe(winner.status);
      const decisions = await db.auditEvent.findMany({ where: { entityId: pending.id, action: { in: ["contract.approve", "contract.reject"] } } });
      expect(decisions).toHaveLength(1);
      expect((await activeVersions(port.id)).map((v) => v.version)).toEqual([winner.status === "active" ? "2.0.0" : "1.0.0"]);
    }
  });

  it("two stewards approving at once: one activation, one 409", async () => {
    const { owner, port, topic } = await portWithActiveContract();
    const pending = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", BREAKING) });

    const results = await Promise.allSettled([decideContractVersion(steward, pending.id, "approve", {}), decideContractVersion(secondSteward, pending.id, "approve", {})]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expectOnlyRefusals(results, ["conflict"]);
    expect(await db.contractEvent.count({ where: { contractVersionId: pending.id } })).toBe(1);
    expect(await db.registrySubjectVersion.count({ where: { subject: `${topic}-value` } })).toBe(2);
  });

  it("two compatible versions published at once never leave two active versions", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, port, topic } = await portWithActiveContract();

      const results = await Promise.allSettled([
        submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [...BASE, "note:string"]) }),
        submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.2.0", [...BASE, "channel:string"]) }),
      ]);

      // Run one after the other, 1.1.0 then 1.2.0 both succeed; 1.2.0 first leaves 1.1.0 lower than the newest (422).
      expectOnlyRefusals(results, ["conflict", "validation_failed"]);
      const active = await activeVersions(port.id);
      expect(active).toHaveLength(1);
      // Each activation names the version it replaced: a chain, not two activations of the same predecessor.
      const events = await db.contractEvent.findMany({ where: { portId: port.id }, orderBy: { id: "asc" } });
      const diffs = events.map((e) => e.diff as { version: string; previousVersion: string | null });
      for (let i = 1; i < diffs.length; i++) expect(diffs[i].previousVersion).toBe(diffs[i - 1].version);
      expect(diffs.at(-1)?.version).toBe(active[0].version);
    }
  });

  it("the database itself refuses a second active version on a port", async () => {
    const { owner, port, topic } = await portWithActiveContract();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [...BASE, "note:string"]) });
    const deprecated = await db.contractVersion.findFirstOrThrow({ where: { portId: port.id, version: "1.0.0" } });
    expect(deprecated.status).toBe("deprecated");

    const error = await db.contractVersion.update({ where: { id: deprecated.id }, data: { status: "active" } }).catch((e: unknown) => e);

    expect((error as { code?: string }).code).toBe("P2002");
    expect((await activeVersions(port.id)).map((v) => v.version)).toEqual(["1.1.0"]);
  });
});
