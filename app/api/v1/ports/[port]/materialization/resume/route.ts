import { apiRoute } from "@/lib/http/api-route";
import { resumeMaterialization } from "@/lib/materialization/resume-materialization";

export const POST = apiRoute<{ port: string }>(async ({ actor, params }) => resumeMaterialization(actor, params.port));
