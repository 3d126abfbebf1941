import { apiRoute } from "@/lib/http/api-route";
import { pauseMaterialization } from "@/lib/materialization/pause-materialization";

export const POST = apiRoute<{ port: string }>(async ({ actor, params }) => pauseMaterialization(actor, params.port));
