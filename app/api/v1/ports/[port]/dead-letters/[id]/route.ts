import { apiRoute } from "@/lib/http/api-route";
import { inspectDeadLetter } from "@/lib/materialization/inspect-dead-letter";

export const GET = apiRoute<{ port: string; id: string }>(async ({ actor, params }) => inspectDeadLetter(actor, params.port, params.id));
