import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { UserRoleInput as RoleInput } from "./org-input";


/**
 * Admins change a person's role (user, steward, admin); audited. The mesh always keeps one admin: the change that
 * would remove the last one is refused, and two admins demoting each other at once cannot both succeed (the role
 * changes take one lock in turn).
 */
export async function setUserRole(actor: Actor, userId: string, input: unknown) {
  requireAdmin(actor, "change people's roles");
  const { role } = parseInput(RoleInput, input, "Role");
  if (!isUuid(userId)) throw notFound(`User ${userId}`);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('meshwork.user-roles'))`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true } });
    if (!user) throw notFound(`User ${userId}`);
    if (user.role === role) return user;
    if (user.role === "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) throw conflict(`${user.name} is the only admin: make someone else an admin first.`, [{ path: "role", message: "the mesh needs at least one admin" }]);
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true, email: true, name: true, role: true } });
    await recordAuditEvent(tx, actor, { action: "user.role.set", entityType: "user", entityId: user.id, summary: `${user.email} is now ${role} (was ${user.role})`, before: { role: user.role }, after: { role } });
    return updated;
  });
}
