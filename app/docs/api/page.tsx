import { Section } from "@/components/ui/card";
import { ApiOperationCard } from "@/components/api-docs/api-operation";
import { apiReference } from "@/lib/api-docs/api-reference";

export const metadata = { title: "API reference" };

// Public, like the OpenAPI description it renders; rendered on the server, so it needs no script at all.
export default function ApiReferencePage() {
  const reference = apiReference();
  return (
    <div className="space-y-6" data-testid="api-reference-page">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Meshwork API reference</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {reference.description} Version {reference.version}. The same description as{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline underline-offset-2 hover:no-underline">
            OpenAPI JSON
          </a>
          ; create a token under{" "}
          <a href="/settings/tokens" className="text-brand-700 underline underline-offset-2 hover:no-underline">
            API tokens
          </a>
          .
        </p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="API sections" className="lg:sticky lg:top-6 lg:self-start">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm lg:block lg:space-y-1">
            {reference.groups.map((g) => (
              <li key={g.id}>
                <a href={`#${g.id}-heading`} className="text-brand-700 capitalize underline underline-offset-2 hover:no-underline">
                  {g.title}
                </a>{" "}
                <span className="text-xs text-slate-600">({g.operations.length})</span>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 space-y-6" data-testid="api-reference">
          {reference.groups.map((g) => (
            <Section key={g.id} id={g.id} title={g.title.replace(/^./, (c) => c.toUpperCase())} className="scroll-mt-6 [&_h2]:scroll-mt-6">
              <div className="divide-y divide-slate-100">
                {g.operations.map((op) => (
                  <ApiOperationCard key={op.id} op={op} baseUrl={reference.baseUrl} />
                ))}
              </div>
            </Section>
          ))}
        </div>
      </div>
    </div>
  );
}
