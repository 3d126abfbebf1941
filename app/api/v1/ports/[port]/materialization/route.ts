import { apiRoute } from "@/lib/http/api-route";
import { getMaterializationStatus } from "@/lib/materialization/get-materialization-status";

export const GET = apiRoute<{ port: string }>(async ({ actor, params }) => getMaterializationStatus(actor, params.port));
