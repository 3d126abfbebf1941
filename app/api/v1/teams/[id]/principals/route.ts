import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { setTeamPrincipals } from "@/lib/subscriptions/set-team-principals";

export const PUT = apiRoute<{ id: string }>(async ({ request, actor, params }) => setTeamPrincipals(actor, params.id, await readJsonBody(request)));
