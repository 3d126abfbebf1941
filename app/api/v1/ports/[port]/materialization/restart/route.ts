import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { restartMaterializationFromBeginning } from "@/lib/materialization/restart-materialization";

export const POST = apiRoute<{ port: string }>(async ({ request, actor, params }) => restartMaterializationFromBeginning(actor, params.port, await readJsonBody(request, { whenEmpty: {} })));
