import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { PUBLIC_STATUSES, seesAllProducts } from "./permissions";

// canSeeProduct (lib/auth/permissions.ts) for queries, in the two forms they take.

const PUBLIC_LIST = Prisma.raw(PUBLIC_STATUSES.map((s) => `'${s}'`).join(", "));

/**
 * The rule as a SQL condition over a row that has `status` and `team_id` columns (data_product, data_product_search),
 * named by `alias`: `WHERE ${visibleProductSql(actor, "p")}`.
 */
export function visibleProductSql(actor: Actor, alias: string): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`Not a SQL alias: ${alias}`);
  if (seesAllProducts(actor)) return Prisma.sql`TRUE`;
  const a = Prisma.raw(alias);
  const teams = actor.memberships.map((m) => m.teamId);
  return Prisma.sql`(${a}.status IN (${PUBLIC_LIST}) OR ${a}.team_id = ANY(${teams}::uuid[]))`;
}

/** The rule as a Prisma filter on DataProduct. */
export function visibleProductWhere(actor: Actor): Prisma.DataProductWhereInput {
  if (seesAllProducts(actor)) return {};
  return { OR: [{ status: { in: [...PUBLIC_STATUSES] } }, { teamId: { in: actor.memberships.map((m) => m.teamId) } }] };
}
