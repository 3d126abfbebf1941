import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct, seesAllProducts } from "@/lib/auth/permissions";
import { schemaNotFound, subjectNotFound } from "./registry-error";

// Registry reads follow the catalog's visibility rule (canSeeProduct): a subject of a port belongs to the port's
// product and is visible to whoever may see that product; a subject of no port is visible to every reader. A schema id
// is visible when any subject that holds (or held) it is. Serializers read ids on every cache miss, so the owners of
// subjects and ids are remembered for OWNER_CACHE_MS: a status change made in this process is seen at once (it calls
// forgetRegistryVisibility), one made by another process within OWNER_CACHE_MS.
const OWNER_CACHE_MS = 1_000;
const MAX_ENTRIES = 10_000;

type Owner = { teamId: string; status: string } | null;
const subjectOwners = new Map<string, { owner: Owner; until: number }>();
const schemaOwners = new Map<number, { owners: Owner[]; until: number }>();

/** Call after committing a change of product status, port location or port ownership. */
export function forgetRegistryVisibility(): void {
  subjectOwners.clear();
  schemaOwners.clear();
}

/** The products owning the subjects (null for a subject of no port), in one statement; same mapping as findPortForSubject. */
async function ownersOf(subjects: string[]): Promise<Map<string, Owner>> {
  const now = Date.now();
  const result = new Map<string, Owner>();
  const missing: string[] = [];
  for (const s of new Set(subjects)) {
    const hit = subjectOwners.get(s);
    if (hit && hit.until > now) result.set(s, hit.owner);
    else missing.push(s);
  }
  if (missing.length === 0) return result;
  const rows = await db.$queryRaw<{ subject: string; teamId: string; status: string }[]>`
    SELECT s.subject, d.team_id AS "teamId", d.status::text AS status
    FROM unnest(${missing}::text[]) AS s(subject)
    JOIN port p ON p.direction = 'output' AND p.type = 'kafka_topic' AND p.location IS NOT NULL
      AND lower(p.location) = lower(substring(s.subject from '^(.+)-(?:value|key)$'))
    JOIN data_product d ON d.id = p.data_product_id`;
  const found = new Map(rows.map((r) => [r.subject, { teamId: r.teamId, status: r.status }]));
  if (subjectOwners.size > MAX_ENTRIES) subjectOwners.clear();
  for (const s of missing) {
    const owner = found.get(s) ?? null;
    subjectOwners.set(s, { owner, until: now + OWNER_CACHE_MS });
    result.set(s, owner);
  }
  return result;
}

const visibleTo = (reader: Actor, owner: Owner) => owner === null || canSeeProduct(reader, owner);

/** The subjects the reader may see, in their order. */
export async function visibleSubjects(reader: Actor, subjects: string[]): Promise<string[]> {
  if (seesAllProducts(reader) || subjects.length === 0) return subjects;
  const owners = await ownersOf(subjects);
  return subjects.filter((s) => visibleTo(reader, owners.get(s) ?? null));
}

/** Rows (e.g. a schema id's subject-versions) whose subject the reader may see. */
export async function visibleSubjectRows<T extends { subject: string }>(reader: Actor, rows: T[]): Promise<T[]> {
  const visible = new Set(await visibleSubjects(reader, rows.map((r) => r.subject)));
  return rows.filter((r) => visible.has(r.subject));
}

export async function isSubjectVisible(reader: Actor, subject: string): Promise<boolean> {
  if (seesAllProducts(reader)) return true;
  return visibleTo(reader, (await ownersOf([subject])).get(subject) ?? null);
}

/** A subject the reader may not see does not exist for them (40401). */
export async function requireVisibleSubject(reader: Actor, subject: string): Promise<void> {
  if (!(await isSubjectVisible(reader, subject))) throw subjectNotFound(subject);
}

/** A schema id only hidden subjects hold does not exist for the reader (40403). Ids no subject holds are left to the lookup. */
export async function requireVisibleSchema(reader: Actor, id: number): Promise<void> {
  if (seesAllProducts(reader) || !Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) return;
  const now = Date.now();
  let hit = schemaOwners.get(id);
  if (!hit || hit.until <= now) {
    const rows = await db.registrySubjectVersion.findMany({ where: { schemaId: id }, distinct: ["subject"], select: { subject: true } });
    const owners = await ownersOf(rows.map((r) => r.subject));
    hit = { owners: [...owners.values()], until: now + OWNER_CACHE_MS };
    if (schemaOwners.size > MAX_ENTRIES) schemaOwners.clear();
    schemaOwners.set(id, hit);
  }
  if (hit.owners.length > 0 && !hit.owners.some((o) => visibleTo(reader, o))) throw schemaNotFound();
}
