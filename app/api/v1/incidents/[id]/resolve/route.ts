import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { resolveIncident } from "@/lib/quality/incidents";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => resolveIncident(actor, params.id, await readJsonBody(request)));
