import { apiRoute } from "@/lib/http/api-route";
import { listApprovalInbox } from "@/lib/approvals/list-approval-inbox";

export const GET = apiRoute(async ({ actor }) => listApprovalInbox(actor));
