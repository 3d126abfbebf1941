import Link from "next/link";
import { TokenManager } from "@/components/tokens/token-manager";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  await pageActor();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          Send a token as <code className="rounded bg-slate-100 px-1 text-xs">Authorization: Bearer &lt;token&gt;</code> to call the Meshwork API: see the{" "}
          <Link href="/docs/api" className="text-brand-700 underline underline-offset-2 hover:no-underline" data-testid="api-reference-link">
            API reference
          </Link>{" "}
          for every endpoint.
        </p>
      </header>
      <TokenManager />
    </div>
  );
}
