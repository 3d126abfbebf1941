import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { replayDeadLetters } from "@/lib/materialization/replay-dead-letters";

export const POST = apiRoute<{ port: string }>(async ({ request, actor, params }) => replayDeadLetters(actor, params.port, await readJsonBody(request)));
