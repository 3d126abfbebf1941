import { apiRoute } from "@/lib/http/api-route";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

export const GET = apiRoute(async ({ actor }) => verifyAuditChain(actor));
