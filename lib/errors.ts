export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "cross_site_request"
  | "not_found"
  | "conflict"
  | "payload_too_large";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
};

export type ErrorDetail = { path: string; message: string; line?: number; column?: number };

/** The one error type the domain throws; lib/http maps it to a status and `{ error: { code, message, details } }`. */
export class MeshworkError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "MeshworkError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new MeshworkError("not_found", `${what} was not found.`);
export const forbidden = (message: string) => new MeshworkError("forbidden", message);
export const conflict = (message: string, details: ErrorDetail[] = []) => new MeshworkError("conflict", message, details);

export function validationFailed(message: string, details: ErrorDetail[]): MeshworkError {
  return new MeshworkError("validation_failed", message, details);
}

/** Prisma's unique-constraint violation, used to turn races into 409s. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
