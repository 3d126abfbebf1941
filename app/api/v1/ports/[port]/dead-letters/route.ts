import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { listDeadLetters } from "@/lib/materialization/list-dead-letters";

export const GET = apiRoute<{ port: string }>(async ({ request, actor, params }) => listDeadLetters(actor, params.port, searchParamsObject(request.url)));
