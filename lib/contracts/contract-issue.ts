import type { PathSegment } from "./format-path";

/** A problem before it is placed in the source text; `at: "key"` points at the key rather than its value. */
export type ContractIssue = { segments: PathSegment[]; message: string; at?: "key" | "value" };
