import type { ErrorDetail } from "@/lib/errors";

/**
 * One thing wrong with a form: the control it belongs to (its DOM id; none for the form as a whole), its label and
 * the message in plain words. `where` is a place in an uploaded file (e.g. `outputPorts[0].topic`), shown as code.
 */
export type FormProblem = { id?: string; label: string; message: string; where?: string };

/** Where an API error path belongs in a form: the control's id and label, or undefined for the form as a whole. */
export type FieldTarget = (path: string) => { id: string; label: string } | undefined;

/** The FieldTarget of a form whose API paths each name one control: `fieldTargets({ name: { id: "token-name", label: "Token name" } })`. */
export const fieldTargets =
  (byPath: Record<string, { id: string; label: string }>): FieldTarget =>
  (path) =>
    Object.hasOwn(byPath, path) ? byPath[path] : undefined;

export const problemsHeading = (count: number) => (count === 1 ? "There is 1 problem" : `There are ${count} problems`);

/** The problems an API error names: each detail at its field, or the error's message when no detail names a field. */
export function problemsFromApiError(error: { message: string; details?: ErrorDetail[] }, target: FieldTarget): FormProblem[] {
  const details = error.details ?? [];
  if (details.length === 0) return [{ label: "", message: error.message }];
  const problems: FormProblem[] = [];
  for (const detail of details) {
    const at = target(detail.path);
    const problem = at ? { id: at.id, label: at.label, message: detail.message } : { label: "", message: detail.message };
    // Several details for one field (e.g. each bad tag) read as one problem.
    const same = problems.find((p) => p.id !== undefined && p.id === problem.id);
    if (same) {
      if (!same.message.includes(problem.message)) same.message = `${same.message}; ${problem.message}`;
    } else problems.push(problem);
  }
  return problems;
}

/** A form's problems: what the browser finds now, then what the server said about fields the browser found nothing wrong with. */
export function mergeProblems(client: FormProblem[], server: FormProblem[]): FormProblem[] {
  const ids = new Set(client.map((p) => p.id).filter(Boolean));
  return [...client, ...server.filter((p) => !p.id || !ids.has(p.id))];
}

/** "Name is required" for a message that goes on from the label, "Tags: …" for one that stands alone, the message alone for the form as a whole. */
export function problemText(p: FormProblem): string {
  if (!p.label) return p.message;
  return /^(is|are|must|needs|can|has|should)\b/.test(p.message) ? `${p.label} ${p.message}` : `${p.label}: ${p.message}`;
}

/** Checks shared by the forms, in plain words. */
export const required = (value: string, message = "is required") => (value.trim() ? undefined : message);
export function length(value: string, min: number, max: number): string | undefined {
  const n = value.trim().length;
  if (n < min) return n === 0 ? "is required" : `must be at least ${min} characters`;
  return n > max ? `must be at most ${max} characters` : undefined;
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email = (value: string) => (EMAIL.test(value.trim()) ? undefined : "must be an e-mail address, like name@company.com");
export function wholeNumber(value: string, min: number, max: number): string | undefined {
  if (!/^\d+$/.test(value.trim())) return "must be a whole number of days";
  const n = Number(value);
  return n < min ? `must be at least ${min}` : n > max ? `must be at most ${max}` : undefined;
}

/** The problems of a form from `[id, label, message | undefined]` rows, keeping only the rows with a message. */
export function collectProblems(rows: [id: string, label: string, message: string | undefined][]): FormProblem[] {
  return rows.filter((r): r is [string, string, string] => !!r[2]).map(([id, label, message]) => ({ id, label, message }));
}
