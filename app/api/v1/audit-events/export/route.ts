import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { now } from "@/lib/clock";

export const GET = apiRoute(async ({ request, actor }) => {
  const csv = exportAuditCsv(actor, searchParamsObject(request.url));
  const filename = `meshwork-audit-${now().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" } });
});
