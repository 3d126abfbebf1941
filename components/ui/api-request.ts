import type { ErrorDetail } from "@/lib/errors";

/** A failed /api/v1 call, carrying the `{ error: { code, message, details } }` body. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type RequestOptions = { method?: string; json?: unknown; body?: BodyInit; contentType?: string; signal?: AbortSignal; headers?: Record<string, string> };

/** Calls the REST API from the browser: JSON (or, for YAML answers, text) in and out, errors thrown as ApiError. */
export async function apiRequest<T = unknown>(url: string, { method = "GET", json, body, contentType, signal, headers: extraHeaders }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
  if (json !== undefined) headers["content-type"] = "application/json";
  else if (contentType) headers["content-type"] = contentType;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: json !== undefined ? JSON.stringify(json) : body, credentials: "same-origin", signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "network_error", "Could not reach Meshwork. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const answer = response.headers.get("content-type")?.includes("json") ? parseJson(text) : text;
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status}.`, error?.details ?? []);
  }
  return answer as T;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong.");
