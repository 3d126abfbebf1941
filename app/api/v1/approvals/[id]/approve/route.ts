import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { decideApprovalStep } from "@/lib/approvals/decide-approval-step";

// The comment is optional: an empty body decides without one.
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => decideApprovalStep(actor, params.id, "approve", await readJsonBody(request, { whenEmpty: {} })));
