import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "./actor";
import { sessionActor } from "./authenticate-request";
import { safeCallbackPath } from "./safe-callback-path";

/** The signed-in user of a page; anyone else is sent to the sign-in page, which brings them back here after. */
export async function pageActor(): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) {
    const asked = safeCallbackPath((await headers()).get("x-meshwork-path"), "");
    redirect(asked && asked !== "/" ? `/sign-in?callbackUrl=${encodeURIComponent(asked)}` : "/sign-in");
  }
  return actor;
}
