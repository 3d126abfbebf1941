import { apiRoute } from "@/lib/http/api-route";
import { getApprovalRequest } from "@/lib/approvals/get-approval-request";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => getApprovalRequest(actor, params.id));
