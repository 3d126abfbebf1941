import { apiRoute } from "@/lib/http/api-route";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => revokeApiToken(actor, params.id));
