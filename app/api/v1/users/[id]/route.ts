import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { setUserRole } from "@/lib/org/set-user-role";

export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params }) => setUserRole(actor, params.id, await readJsonBody(request)));
