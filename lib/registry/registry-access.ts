import type { Actor } from "@/lib/auth/actor";
import { canEditProduct, isAdmin } from "@/lib/auth/permissions";
import { forbiddenRegistry } from "./registry-error";
import type { findPortForSubject } from "./subject-port";

type SubjectPort = Awaited<ReturnType<typeof findPortForSubject>>;

/** Writes to a port's subject need membership of the owning team; subjects of no port are the admins'. */
export function requireSubjectWriter(actor: Actor, subject: string, port: SubjectPort): void {
  if (port ? canEditProduct(actor, port.dataProduct) : isAdmin(actor)) return;
  throw forbiddenRegistry(
    port ? `Subject '${subject}' belongs to ${port.dataProduct.urn}; only its owning team can write it.` : `Subject '${subject}' belongs to no data product port; only admins can write it.`,
  );
}
