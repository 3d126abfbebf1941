import { apiRoute } from "@/lib/http/api-route";
import { restartMaterializationFromBeginning } from "@/lib/materialization/restart-materialization";

export const POST = apiRoute<{ port: string }>(async ({ actor, params }) => restartMaterializationFromBeginning(actor, params.port));
