import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { MAX_IDENTIFIER_BYTES } from "@/lib/data-tables/table-location";

/**
 * The PostgreSQL role a consumer team's grants act on: `<prefix>team_<slug>` with the slug's dashes as underscores
 * (slugs have no underscores, so no two teams share a role, and the role needs no quoting: mesh_team_order_platform).
 * A name past PostgreSQL's 63 bytes keeps its start and ends in a hash of the whole slug, so it stays unique.
 */
export function teamRoleName(teamSlug: string, prefix: string = env.MESHWORK_ROLE_PREFIX): string {
  const name = `${prefix}team_${teamSlug.replace(/-/g, "_")}`;
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash("sha256").update(teamSlug).digest("hex").slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER_BYTES - hash.length - 1)}_${hash}`;
}
