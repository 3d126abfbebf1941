import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { listDomains } from "@/lib/org/list-domains";
import { createDomain } from "@/lib/org/create-domain";

export const GET = apiRoute(async ({ actor }) => ({ items: await listDomains(actor) }));
export const POST = apiRoute(async ({ request, actor }) => createDomain(actor, await readJsonBody(request)), { status: 201 });
