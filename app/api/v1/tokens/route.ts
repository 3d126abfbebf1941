import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";

export const GET = apiRoute(async ({ actor }) => ({ items: await listApiTokens(actor) }));
export const POST = apiRoute(async ({ request, actor }) => createApiToken(actor, await readJsonBody(request)), { status: 201 });
