import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";

const UserQuery = z.object({
  q: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** Admins: everyone with an account, searchable by name or e-mail, with their role and the teams they are in. */
export async function listUsers(actor: Actor, query: unknown) {
  requireAdmin(actor, "list users");
  const q = parseInput(UserQuery, query, "User query");
  const where: Prisma.UserWhereInput = q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { email: { contains: q.q, mode: "insensitive" } }] } : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      select: { id: true, name: true, email: true, role: true, createdAt: true, memberships: { select: { role: true, team: { select: { id: true, slug: true, name: true, domain: { select: { slug: true, name: true } } } } } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db.user.count({ where }),
  ]);
  return {
    items: rows.map((u) => ({ ...u, memberships: u.memberships.map((m) => ({ role: m.role, team: { id: m.team.id, slug: m.team.slug, name: m.team.name, domain: m.team.domain } })) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
