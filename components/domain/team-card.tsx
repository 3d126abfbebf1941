import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Avatar } from "@/components/ui/avatar";
import { ExternalLink } from "@/components/ui/external-link";

type Team = {
  id: string;
  slug: string;
  name: string;
  description: string;
  contactEmail: string | null;
  memberships: { role: string; user: { id: string; name: string; email: string } }[];
};

/** `href`: the team page (members, and the webhook for its owners), linked from the team name. `withName={false}`: the
 * team page itself, whose heading already names the team. */
export function TeamCard({ team, productCount, href, withName = true }: { team: Team; productCount: number; href?: string; withName?: boolean }) {
  return (
    <Card id={`team-${team.slug}`} testId="team-card" className="scroll-mt-6 p-5 target:ring-2 target:ring-brand-500/40">
      <div>
        <div className="flex items-start justify-between gap-3">
          <div>
            {withName && (
              <h3 className="font-semibold text-slate-900">
                {href ? (
                  <Link href={href} className="hover:text-brand-700 hover:underline">
                    {team.name}
                  </Link>
                ) : (
                  team.name
                )}
              </h3>
            )}
            {team.description && <p className={`${withName ? "mt-0.5 " : ""}text-sm text-slate-500`}>{team.description}</p>}
          </div>
          <span className="shrink-0 text-xs text-slate-500 tabular-nums">
            {productCount} {productCount === 1 ? "product" : "products"}
          </span>
        </div>
        {team.contactEmail && (
          <ExternalLink href={`mailto:${team.contactEmail}`} className="mt-2 inline-block text-xs text-brand-700 hover:underline">
            {team.contactEmail}
          </ExternalLink>
        )}
        <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100" aria-label={`Members of ${team.name}`}>
          {team.memberships.map((m) => (
            <li key={m.user.id} data-testid="team-member" className="flex items-center gap-2.5 py-2">
              <Avatar name={m.user.name} />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-800">{m.user.name}</p>
                <p className="truncate text-xs text-slate-500">{m.user.email}</p>
              </div>
              <Badge tone={m.role === "owner" ? "violet" : "slate"}>{m.role === "owner" ? "Owner" : "Member"}</Badge>
            </li>
          ))}
          {team.memberships.length === 0 && <li className="py-2 text-sm text-slate-400">No members yet.</li>}
        </ul>
      </div>
    </Card>
  );
}
