import { apiRoute } from "@/lib/http/api-route";
import { getReconciliation } from "@/lib/provisioning/request-reconciliation";

export const GET = apiRoute(async ({ actor }) => getReconciliation(actor));
