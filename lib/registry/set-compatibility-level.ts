import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CompatibilityMode } from "@/lib/generated/prisma/enums";
import { COMPATIBILITY_MODES, GLOBAL_SUBJECT } from "./compatibility-level";
import { requireSubjectWriter } from "./registry-access";
import { invalidCompatibilityLevel, retiredSubjectCompatibility } from "./registry-error";
import { requireValidSubject } from "./registry-input";
import { findPortForSubject } from "./subject-port";

export function parseCompatibilityLevel(body: unknown): CompatibilityMode {
  const raw = (body as { compatibility?: unknown; compatibilityLevel?: unknown } | null)?.compatibility ?? (body as { compatibilityLevel?: unknown } | null)?.compatibilityLevel;
  const level = String(raw ?? "").toUpperCase();
  if (!(COMPATIBILITY_MODES as readonly string[]).includes(level)) throw invalidCompatibilityLevel(String(raw ?? ""));
  return level as CompatibilityMode;
}

/** PUT /config (global, admins) and PUT /config/{subject}; a port's subject sets the port's own mode. */
export async function setCompatibilityLevel(actor: Actor, subject: string | null, body: unknown) {
  if (subject) requireValidSubject(subject);
  const level = parseCompatibilityLevel(body);
  return db.$transaction(async (tx) => {
    const port = subject ? await findPortForSubject(subject, tx) : null;
    requireSubjectWriter(actor, subject ?? "(global)", port);
    if (port?.dataProduct.status === "retired") throw retiredSubjectCompatibility(subject!, port.dataProduct.urn);
    if (port) {
      // Only a real change writes: of identical PUTs at once one changes the mode, the rest find it set (and succeed, as Confluent's do).
      const { count } = await tx.port.updateMany({ where: { id: port.id, compatibilityMode: { not: level } }, data: { compatibilityMode: level } });
      if (count === 0) return { compatibility: level };
    } else {
      // One statement that writes only a real change: identical PUTs at once queue on the row, and the later ones change nothing.
      const changed = await tx.$queryRaw<{ subject: string }[]>(Prisma.sql`
        INSERT INTO registry_config (subject, compatibility) VALUES (${subject ?? GLOBAL_SUBJECT}, ${level}::"CompatibilityMode")
        ON CONFLICT (subject) DO UPDATE SET compatibility = EXCLUDED.compatibility
        WHERE registry_config.compatibility IS DISTINCT FROM EXCLUDED.compatibility
        RETURNING subject`);
      if (changed.length === 0) return { compatibility: level };
    }
    await recordAuditEvent(tx, actor, {
      action: "registry.config",
      entityType: port ? "port" : "registry_subject",
      entityId: port ? port.id : subject ?? "(global)",
      summary: `Compatibility of ${subject ?? "the registry"} set to ${level}`,
      before: port ? { compatibility: port.compatibilityMode } : undefined,
      after: { compatibility: level },
    });
    return { compatibility: level };
  });
}

export async function getCompatibilityLevel(subject: string | null, defaultToGlobal: boolean) {
  if (subject) {
    const port = await findPortForSubject(subject);
    if (port) return { compatibilityLevel: port.compatibilityMode };
    const own = await db.registryConfig.findUnique({ where: { subject } });
    if (own) return { compatibilityLevel: own.compatibility };
    if (!defaultToGlobal) return null;
  }
  const global = await db.registryConfig.findUnique({ where: { subject: GLOBAL_SUBJECT } });
  return { compatibilityLevel: global?.compatibility ?? "BACKWARD" };
}
