import { db, type Db } from "@/lib/db";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { dataPool, type Queryable } from "@/lib/data-tables/data-database";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { notFound } from "@/lib/errors";
import type { JobPayload } from "@/lib/jobs/job-payloads";
import { provisionTableAccess, type ProvisionResult } from "./provision-table-access";
import { teamRoleName } from "./team-role-name";

/**
 * The provision-grant job: a consumer team's role gets SELECT on a table port's table (the table is created from
 * the port's active contract first when it is not there yet), or loses it. Idempotent, so a redelivered or
 * recovered job changes nothing the first run already did.
 */
export async function provisionGrant(
  { action, portId, teamId }: JobPayload<"provision-grant">,
  { data = dataPool(), client = db, rolePrefix }: { data?: Queryable; client?: Db; rolePrefix?: string } = {},
): Promise<ProvisionResult> {
  const [team, port] = await Promise.all([
    client.team.findUnique({ where: { id: teamId }, select: { slug: true } }),
    client.port.findUnique({ where: { id: portId }, select: { location: true } }),
  ]);
  if (!team) throw notFound(`Team ${teamId}`);
  if (!port) throw notFound(`Port ${portId}`);
  const role = teamRoleName(team.slug, rolePrefix);
  const location = action === "grant" ? await createProductTable(portId, { data, client }) : parseTableLocation(port.location);
  return provisionTableAccess({ role, schema: location.schema, table: location.table, access: action === "grant" ? "select" : "none" }, data);
}
