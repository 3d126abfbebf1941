import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { decideContractVersion } from "@/lib/contracts/decide-contract-version";
import { listPendingApprovals } from "@/lib/contracts/list-pending-approvals";
import { addMember, createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { decideApprovalStep } from "./decide-approval-step";
import { listApprovalInbox } from "./list-approval-inbox";
import { pendingMajorVersion } from "./approval-fixtures";

let admin: Actor;
let steward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

const requestOf = (versionId: string) => db.approvalRequest.findUnique({ where: { subject_subjectId: { subject: "contract_version", subjectId: versionId } }, include: { steps: true } });

describe("contract-version approvals run on the one approvals mechanism", () => {
  it("a submitted major version opens an approval request with one steward step, in the stewards' inbox", async () => {
    const { version, owner, product } = await pendingMajorVersion(admin);

    const request = await requestOf(version.id);

    expect(request).toMatchObject({ state: "pending", requesterId: owner.id });
    expect(request!.steps).toMatchObject([{ position: 0, kind: "steward", state: "pending" }]);
    expect(request!.steps[0].reason).toMatch(/incompatible/);
    const inbox = await listApprovalInbox(steward);
    const item = inbox.items.find((i) => i.subjectId === version.id);
    expect(item).toMatchObject({ subject: "contract_version", requester: { id: owner.id }, subjectSummary: { product: { urn: product.urn }, contractVersion: { version: "2.0.0" } } });
    expect((await listApprovalInbox(owner)).items.some((i) => i.subjectId === version.id)).toBe(false);
  });

  it("a steward cannot approve (or reject) their own contract version; another steward can", async () => {
    const { version, author: authorActor } = await pendingMajorVersion(admin, async (team) => addMember(admin, team.team.id, await createUser({ role: "steward" }), "member"));
    expect(authorActor.role).toBe("steward");

    const error = await expectMeshworkError(decideContractVersion(authorActor, version.id, "approve", {}), "forbidden");
    expect(error.message).toMatch(/four eyes/);
    await expectMeshworkError(decideContractVersion(authorActor, version.id, "reject", {}), "forbidden");
    expect((await db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("pending_approval");
    expect((await listApprovalInbox(authorActor)).items.some((i) => i.subjectId === version.id)).toBe(false);
    expect((await listPendingApprovals(authorActor)).some((v) => v.id === version.id)).toBe(false);
    expect((await listPendingApprovals(steward)).some((v) => v.id === version.id)).toBe(true);

    expect((await decideContractVersion(steward, version.id, "approve", { note: "checked" })).status).toBe("active");
    const request = await requestOf(version.id);
    expect(request).toMatchObject({ state: "approved", steps: [{ state: "approved", decidedById: steward.id, comment: "checked" }] });
  });

  it("the old contract routes and the approvals route decide the same request", async () => {
    const { version } = await pendingMajorVersion(admin);
    const request = (await requestOf(version.id))!;

    const decided = await decideApprovalStep(steward, request.id, "reject", { comment: "breaks billing" });

    expect(decided).toMatchObject({ state: "rejected", result: { id: version.id, status: "rejected" } });
    expect(await db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).toMatchObject({ status: "rejected", decisionNote: "breaks billing", decidedById: steward.id });
    const again = await expectMeshworkError(decideContractVersion(steward, version.id, "approve", {}), "conflict");
    expect(again.message).toBe("Contract version 2.0.0 is rejected, not waiting for approval.");
  });

  it("the migration gives versions pending from before the mechanism their steward step", async () => {
    const { version, owner } = await pendingMajorVersion(admin);
    await db.approvalRequest.delete({ where: { subject_subjectId: { subject: "contract_version", subjectId: version.id } } });
    const sql = await readFile(path.resolve(import.meta.dirname, "../../prisma/migrations/20261201224510_contract_version_approval_requests/migration.sql"), "utf8");

    await db.$executeRawUnsafe(sql.split(";").slice(0, 1)[0]);
    await db.$executeRawUnsafe(sql.split(";").slice(1, 2)[0]);

    expect(await requestOf(version.id)).toMatchObject({ state: "pending", requesterId: owner.id, steps: [{ kind: "steward", state: "pending" }] });
    expect((await decideContractVersion(steward, version.id, "approve", {})).status).toBe("active");
  });

  it("the approvals route and the contract route deciding one version at once: exactly one wins", async () => {
    for (let round = 0; round < 3; round++) {
      const { version, port } = await pendingMajorVersion(admin);
      const request = (await requestOf(version.id))!;
      const other = await createUser({ role: "steward" });

      const results = await Promise.allSettled([decideApprovalStep(steward, request.id, "approve", {}), decideContractVersion(other, version.id, "reject", { note: "no" })]);

      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect((r.reason as { code?: string }).code).toBe("conflict");
      const row = await db.contractVersion.findUniqueOrThrow({ where: { id: version.id } });
      const decided = await requestOf(version.id);
      expect(row.status).toBe(decided!.state === "approved" ? "active" : "rejected");
      expect(await db.contractVersion.count({ where: { portId: port.id, status: "active" } })).toBe(1);
      expect(await db.auditEvent.count({ where: { entityId: version.id, action: { in: ["contract.approve", "contract.reject"] } } })).toBe(1);
    }
  });

  it("a decision whose effect is refused is not recorded at all: step, request and audit roll back together", async () => {
    const { version, owner, product } = await pendingMajorVersion(admin);
    const request = (await requestOf(version.id))!;
    await changeProductStatus(owner, product.id, { status: "retired" });

    const error = await expectMeshworkError(decideApprovalStep(steward, request.id, "approve", { comment: "go" }), "conflict");

    expect(error.message).toBe("A retired data product's contracts cannot change.");
    expect(await requestOf(version.id)).toMatchObject({ state: "pending", steps: [{ state: "pending", decidedById: null, comment: null }] });
    expect(await db.auditEvent.count({ where: { entityId: request.id } })).toBe(0);
    expect((await decideApprovalStep(steward, request.id, "reject", { comment: "product retired" })).state).toBe("rejected");
    expect(await db.auditEvent.count({ where: { entityId: request.id, action: "approval.reject" } })).toBe(1);
  });
});
