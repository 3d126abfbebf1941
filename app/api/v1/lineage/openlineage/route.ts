import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { ingestOpenLineageEvents } from "@/lib/lineage/ingest-openlineage-events";

// OpenLineage's HTTP transport POSTs one run event per request; a JSON array is a batch, recorded all or nothing.
export const POST = apiRoute(async ({ request, actor }) => ingestOpenLineageEvents(actor, await readJsonBody(request)), { status: 201 });
