import { apiRoute } from "@/lib/http/api-route";
import { getPortQuality } from "@/lib/quality/get-port-quality";

export const GET = apiRoute<{ port: string }>(async ({ actor, params }) => getPortQuality(actor, params.port));
