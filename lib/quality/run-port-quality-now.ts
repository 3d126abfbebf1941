import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { forbidden } from "@/lib/errors";
import { getPortQuality } from "./get-port-quality";
import { runStreamQuality } from "./run-stream-quality";
import { runTableQuality } from "./run-table-quality";

/** "Run now": the owning team (or an admin) runs a port's checks at once; answers with the port's quality as it then is. */
export async function runPortQualityNow(actor: Actor, portRef: string, options: { rolePrefix?: string } = {}) {
  const port = await findOutputPortOrThrow(actor, portRef);
  if (!canEditProduct(actor, port.dataProduct)) throw forbidden("Only members of the owning team can run this port's quality checks.");
  if (port.type === "table") await runTableQuality(port.id, { trigger: "manual", ...options });
  else await runStreamQuality(port.id, { trigger: "manual" });
  return getPortQuality(actor, port.id);
}
