import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { findMaterializedPortOrThrow, requireMaterializationOperator } from "./find-materialized-port";

export const ReplayInput = z.object({
  /** The dead letters to replay (ids from listDeadLetters); at most 1000 at once. */
  ids: z.array(z.string().regex(/^\d{1,19}$/, "must be a dead letter's id")).min(1).max(1000),
});

export type ReplayResult = {
  port: string;
  /** Moved into the table and marked replayed. */
  replayed: string[];
  /** Still dead letters, each with why the replay failed again. */
  failed: { id: string; error: string }[];
};

/**
 * Replays selected dead letters after a fix (a contract that now has the field, a schema registered): each is decoded
 * again and written to the table in one transaction, then marked replayed; one that still fails stays, with its error.
 */
export async function replayDeadLetters(actor: Actor, portRef: string, input: unknown): Promise<ReplayResult> {
  parseInput(ReplayInput, input, "Replay");
  const port = await findMaterializedPortOrThrow(actor, portRef);
  requireMaterializationOperator(actor, port, "replay the dead letters of");
  throw conflict("Replaying dead letters is not available yet.");
}
