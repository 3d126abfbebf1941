export type ApiErrorDetail = { path: string; message: string };

/** A failed /api/v1 call, carrying the `{ error: { code, message, details } }` body. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Calls the REST API from the browser: JSON in and out, errors thrown as ApiError. */
export async function apiRequest<T = unknown>(url: string, init: { method?: string; json?: unknown; body?: BodyInit; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  else if (init.contentType) headers["content-type"] = init.contentType;
  let response: Response;
  try {
    response = await fetch(url, { method: init.method ?? "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Meshwork. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status}.`, error?.details ?? []);
  }
  return body as T;
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong.");
