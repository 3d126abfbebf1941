import { apiRoute } from "@/lib/http/api-route";
import { getDomain } from "@/lib/org/get-domain";

export const GET = apiRoute<{ slug: string }>(async ({ actor, params }) => getDomain(actor, params.slug));
