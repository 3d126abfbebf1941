import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { searchParamsObject } from "@/lib/http/search-params";
import { createTeam } from "@/lib/org/create-team";
import { listTeams } from "@/lib/org/list-teams";

export const GET = apiRoute(async ({ request, actor }) => ({ items: await listTeams(actor, searchParamsObject(request.url)) }));
export const POST = apiRoute(async ({ request, actor }) => createTeam(actor, await readJsonBody(request)), { status: 201 });
