import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { findSubscribablePortOrThrow } from "./find-subscribable-port";
import { PortAccessInput } from "./subscription-input";

/** An output port's access settings, set by an owner of its team (or an admin): self-service, longest duration, "no end". */
export async function setPortAccess(actor: Actor, portRef: string, input: unknown) {
  const settings = parseInput(PortAccessInput, input, "Port access settings");
  return db.$transaction(async (tx) => {
    const port = await findSubscribablePortOrThrow(actor, portRef, tx);
    const where = `${port.dataProduct.urn}:${port.name}`;
    if (!isAdmin(actor) && !ownerOfTeam(actor, port.dataProduct.teamId)) throw forbidden(`Only owners of the team that owns ${port.dataProduct.urn} can change who may access ${where}.`);
    if (port.dataProduct.status === "retired") throw conflict(`${port.dataProduct.urn} is retired; its ports' access settings cannot change.`);
    const before = { selfService: port.selfService, maxDurationDays: port.maxDurationDays, allowNoEnd: port.allowNoEnd };
    if (before.selfService === settings.selfService && before.maxDurationDays === settings.maxDurationDays && before.allowNoEnd === settings.allowNoEnd) return { port: where, ...before };
    // Conditional on the settings just read: of changes at once, one wins and the rest find them changed.
    const { count } = await tx.port.updateMany({ where: { id: port.id, ...before }, data: settings });
    if (count === 0) throw conflict(`The access settings of ${where} changed at the same time; reload and try again.`);
    await recordAuditEvent(tx, actor, {
      action: "port.access",
      entityType: "port",
      entityId: port.id,
      summary: `${where} access: self-service ${settings.selfService ? "on" : "off"}, at most ${settings.maxDurationDays} days, no end ${settings.allowNoEnd ? "allowed" : "not allowed"}`,
      before,
      after: settings,
    });
    return { port: where, ...settings };
  });
}
