import { apiRoute } from "@/lib/http/api-route";
import { listPendingApprovals } from "@/lib/contracts/list-pending-approvals";

export const GET = apiRoute(async ({ actor }) => ({ items: await listPendingApprovals(actor) }));
