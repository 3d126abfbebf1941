import { apiRoute } from "@/lib/http/api-route";
import { removeTeamMember } from "@/lib/org/remove-team-member";

export const DELETE = apiRoute<{ id: string; userId: string }>(async ({ actor, params }) => removeTeamMember(actor, params.id, params.userId));
