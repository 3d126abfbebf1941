import { endEverySession } from "@/lib/auth/end-session";
import { apiRoute } from "@/lib/http/api-route";

export const DELETE = apiRoute(async ({ actor }) => {
  await endEverySession(actor);
});
