import { redirect } from "next/navigation";
import type { Actor } from "./actor";
import { sessionActor } from "./authenticate-request";

/** The signed-in user of a page; anyone else is sent to the sign-in page. */
export async function pageActor(): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
