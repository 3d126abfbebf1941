import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { listUsers } from "@/lib/org/list-users";

export const GET = apiRoute(async ({ request, actor }) => listUsers(actor, searchParamsObject(request.url)));
