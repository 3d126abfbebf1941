import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { setTeamMember } from "@/lib/org/set-team-member";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => setTeamMember(actor, params.id, await readJsonBody(request)));
