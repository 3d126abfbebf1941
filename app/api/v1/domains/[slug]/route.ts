import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { deleteDomain, updateDomain } from "@/lib/org/change-org";
import { getDomain } from "@/lib/org/get-domain";

export const GET = apiRoute<{ slug: string }>(async ({ actor, params }) => getDomain(actor, params.slug));
export const PATCH = apiRoute<{ slug: string }>(async ({ request, actor, params }) => updateDomain(actor, params.slug, await readJsonBody(request)));
export const DELETE = apiRoute<{ slug: string }>(async ({ actor, params }) => deleteDomain(actor, params.slug));
