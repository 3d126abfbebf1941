import type { Actor } from "@/lib/auth/actor";
import { setMaterializationPaused } from "./pause-materialization";

/** Resumes a paused (or error-stopped) table port's materialization from its stored offsets; an owner's or an admin's. */
export const resumeMaterialization = (actor: Actor, portRef: string) => setMaterializationPaused(actor, portRef, false);
