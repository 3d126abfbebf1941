import type { z } from "zod";
import { validationFailed, type ErrorDetail } from "@/lib/errors";

export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path) || "(root)", message: issue.message }));
}

/** Parses outside input with a zod schema, throwing a 422 that names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "Input"): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw validationFailed(`${what} is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`, details);
  }
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
