import { apiRoute } from "@/lib/http/api-route";
import { runPortQualityNow } from "@/lib/quality/run-port-quality-now";

export const POST = apiRoute<{ port: string }>(async ({ actor, params }) => runPortQualityNow(actor, params.port));
