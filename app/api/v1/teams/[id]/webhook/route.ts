import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { searchParamsObject } from "@/lib/http/search-params";
import { deleteTeamWebhook } from "@/lib/webhooks/delete-team-webhook";
import { getTeamWebhook } from "@/lib/webhooks/get-team-webhook";
import { setTeamWebhook } from "@/lib/webhooks/set-team-webhook";

export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => getTeamWebhook(actor, params.id, searchParamsObject(request.url)));
export const PUT = apiRoute<{ id: string }>(async ({ request, actor, params }) => setTeamWebhook(actor, params.id, await readJsonBody(request)));
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => deleteTeamWebhook(actor, params.id));
