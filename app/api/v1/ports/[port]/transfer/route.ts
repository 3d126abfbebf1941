import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { transferPort } from "@/lib/catalog/transfer-port";

export const POST = apiRoute<{ port: string }>(async ({ request, actor, params }) => transferPort(actor, params.port, await readJsonBody(request)));
