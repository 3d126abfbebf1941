import type { Jsonified } from "@/components/ui/jsonified";
import type { getPortQuality } from "@/lib/quality/get-port-quality";
import type { getProductQuality } from "@/lib/quality/get-product-quality";
import type { listIncidents } from "@/lib/quality/incidents";
import type { QualitySummary } from "@/lib/quality/quality-summary";

/** GET /api/v1/ports/{port}/quality as the browser receives it. */
export type PortQuality = Jsonified<Awaited<ReturnType<typeof getPortQuality>>>;
export type CheckResult = PortQuality["results"][number];
export type ProductQuality = Jsonified<Awaited<ReturnType<typeof getProductQuality>>>;
export type IncidentList = Jsonified<Awaited<ReturnType<typeof listIncidents>>>;
export type Incident = IncidentList["items"][number];
export type QualityBadgeData = Jsonified<QualitySummary>;
