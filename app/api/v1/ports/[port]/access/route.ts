import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { getPortAccess } from "@/lib/subscriptions/get-port-access";
import { setPortAccess } from "@/lib/subscriptions/set-port-access";

export const GET = apiRoute<{ port: string }>(async ({ actor, params }) => getPortAccess(actor, params.port));
export const PUT = apiRoute<{ port: string }>(async ({ request, actor, params }) => setPortAccess(actor, params.port, await readJsonBody(request)));
