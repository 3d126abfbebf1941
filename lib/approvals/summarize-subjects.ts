import type { Db, Tx } from "@/lib/db";

export type SubjectProduct = { id: string; urn: string; name: string; slug: string; domainSlug: string; teamId: string; status: string };

/** What an approver needs to see about the thing being decided, whatever its kind. */
export type SubjectSummary = {
  title: string;
  /** The requester's stated purpose (subscriptions); null where a kind has none. */
  purpose: string | null;
  product: SubjectProduct;
  port: { id: string; name: string; type: string; location: string | null };
  /** Teams whose members may follow the request besides requester, deciders, stewards and admins. */
  teamIds: string[];
  subscription?: { consumerTeam: { id: string; slug: string; name: string }; intendedUse: string; durationDays: number | null; state: string };
  contractVersion?: { version: string; status: string; changes: unknown };
};

const PRODUCT = { select: { id: true, urn: true, name: true, slug: true, teamId: true, status: true, domain: { select: { slug: true } } } } as const;
const product = (p: { id: string; urn: string; name: string; slug: string; teamId: string; status: string; domain: { slug: string } }): SubjectProduct => ({ id: p.id, urn: p.urn, name: p.name, slug: p.slug, domainSlug: p.domain.slug, teamId: p.teamId, status: p.status });

async function summarizeSubscriptions(tx: Tx | Db, ids: string[]): Promise<Map<string, SubjectSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.subscription.findMany({
    where: { id: { in: ids } },
    select: { id: true, purpose: true, intendedUse: true, durationDays: true, state: true, consumerTeam: { select: { id: true, slug: true, name: true } }, port: { select: { id: true, name: true, type: true, location: true, dataProduct: PRODUCT } } },
  });
  return new Map(
    rows.map((s) => [
      s.id,
      {
        title: `Access to ${s.port.dataProduct.name} / ${s.port.name} for team ${s.consumerTeam.name}`,
        purpose: s.purpose,
        product: product(s.port.dataProduct),
        port: { id: s.port.id, name: s.port.name, type: s.port.type, location: s.port.location },
        teamIds: [s.consumerTeam.id, s.port.dataProduct.teamId],
        subscription: { consumerTeam: s.consumerTeam, intendedUse: s.intendedUse, durationDays: s.durationDays, state: s.state },
      },
    ]),
  );
}

async function summarizeContractVersions(tx: Tx | Db, ids: string[]): Promise<Map<string, SubjectSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.contractVersion.findMany({
    where: { id: { in: ids } },
    select: { id: true, version: true, status: true, changes: true, port: { select: { id: true, name: true, type: true, location: true, dataProduct: PRODUCT } } },
  });
  return new Map(
    rows.map((v) => [
      v.id,
      {
        title: `Contract ${v.version} of ${v.port.dataProduct.name} / ${v.port.name}`,
        purpose: null,
        product: product(v.port.dataProduct),
        port: { id: v.port.id, name: v.port.name, type: v.port.type, location: v.port.location },
        teamIds: [v.port.dataProduct.teamId],
        contractVersion: { version: v.version, status: v.status, changes: v.changes },
      },
    ]),
  );
}

/** Summaries of the subjects of many requests at once, keyed by subject id. */
export async function summarizeSubjects(tx: Tx | Db, requests: { subject: "subscription" | "contract_version"; subjectId: string }[]): Promise<Map<string, SubjectSummary>> {
  const of = (kind: string) => [...new Set(requests.filter((r) => r.subject === kind).map((r) => r.subjectId))];
  const subscriptions = await summarizeSubscriptions(tx, of("subscription"));
  const versions = await summarizeContractVersions(tx, of("contract_version"));
  return new Map([...subscriptions, ...versions]);
}
