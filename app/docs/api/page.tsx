import { ApiReference } from "@/components/api-docs/api-reference";

export const metadata = { title: "API reference" };

const SPEC_URL = "/api/v1/openapi.json";

// Public, like the OpenAPI description it renders.
export default function ApiReferencePage() {
  return (
    <div className="space-y-6" data-testid="api-reference-page">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Meshwork API reference</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every endpoint of <code className="rounded bg-slate-100 px-1 text-xs">/api/v1</code>, with its parameters and responses. Call it with a token from{" "}
          <a href="/settings/tokens" className="text-brand-700 underline underline-offset-2 hover:no-underline">
            API tokens
          </a>
          ; the description itself is{" "}
          <a href={SPEC_URL} className="text-brand-700 underline underline-offset-2 hover:no-underline">
            OpenAPI JSON
          </a>
          .
        </p>
      </header>
      <ApiReference specUrl={SPEC_URL} />
    </div>
  );
}
