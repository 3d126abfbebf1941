import { apiRoute } from "@/lib/http/api-route";
import { listPortConsumers } from "@/lib/subscriptions/list-port-consumers";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => listPortConsumers(actor, params.id));
