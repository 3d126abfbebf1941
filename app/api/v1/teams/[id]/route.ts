import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { deleteTeam, updateTeam } from "@/lib/org/change-org";

export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params }) => updateTeam(actor, params.id, await readJsonBody(request)));
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => deleteTeam(actor, params.id));
