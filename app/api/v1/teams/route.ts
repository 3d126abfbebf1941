import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { createTeam } from "@/lib/org/create-team";

export const POST = apiRoute(async ({ request, actor }) => createTeam(actor, await readJsonBody(request)), { status: 201 });
