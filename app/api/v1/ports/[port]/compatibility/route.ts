import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { setPortCompatibility } from "@/lib/contracts/set-port-compatibility";

export const PUT = apiRoute<{ port: string }>(async ({ request, actor, params }) => setPortCompatibility(actor, params.port, await readJsonBody(request)));
