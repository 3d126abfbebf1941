import { z } from "zod";

/** dead_letter.id is a PostgreSQL bigint. */
export const INT8_MAX = 9223372036854775807n;

/** A dead letter's id as it comes in a URL or a body ("473", "0473"): the number, or null when it cannot be one. */
export function parseDeadLetterId(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const id = BigInt(text);
  return id > 0n && id <= INT8_MAX ? id : null;
}

/** A dead letter's id in a request body, as its canonical text ("0473" is "473"). */
export const DeadLetterId = z
  .string()
  .refine((text) => parseDeadLetterId(text) !== null, "must be a dead letter's id")
  .transform((text) => String(parseDeadLetterId(text)));
