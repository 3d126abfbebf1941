import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { checkImpact, getImpact } from "@/lib/lineage/analyze-impact";

// GET: a saved contract version (?port=&contract=), a port withdrawn (?port=) or a product deprecated (?product=).
export const GET = apiRoute(async ({ request, actor }) => {
  const query = new URL(request.url).searchParams;
  return getImpact(actor, { port: query.get("port"), contract: query.get("contract"), product: query.get("product") });
});

// POST: a proposed contract, not saved (the body of /contracts/check).
export const POST = apiRoute(async ({ request, actor }) => checkImpact(actor, await readJsonBody(request)));
