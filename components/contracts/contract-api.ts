import type { ContractChange } from "@/lib/contracts/contract-change";

export type ProblemDetail = { path: string; message: string; line?: number; column?: number };

/** A failed /api/v1 call with its `{ error: { code, message, details } }` body. */
export class ContractApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: ProblemDetail[] = [],
  ) {
    super(message);
    this.name = "ContractApiError";
  }
}

export async function contractApi<T>(url: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { accept: "application/json", ...(init.json !== undefined ? { "content-type": "application/json" } : {}) },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
      credentials: "same-origin",
    });
  } catch {
    throw new ContractApiError(0, "network_error", "Could not reach Meshwork. Check your connection and try again.");
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: ProblemDetail[] } } | undefined)?.error;
    throw new ContractApiError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status}.`, error?.details ?? []);
  }
  return body as T;
}

export const portApi = (portRef: string) => `/api/v1/ports/${encodeURIComponent(portRef)}`;

export const yamlDownloadUrl = (versionId: string) => `/api/v1/contracts/${versionId}?format=yaml`;

export type ContractCheckResult = {
  valid: boolean;
  compatible: boolean;
  outcome: "invalid" | "would-activate" | "needs-approval" | "refused" | "draft";
  version?: string;
  previousVersion?: string | null;
  compatibilityMode?: string;
  errors: ProblemDetail[];
  reasons: string[];
  changes?: ContractChange[];
};

export type PublishResult = {
  id: string;
  version: string;
  status: "active" | "pending_approval" | "draft";
  schemaId: number | null;
  changes: ContractChange[];
  reasons: string[];
  externalSyncError: string | null;
};

export type ContractDiff = { from: string; to: string; changes: ContractChange[] };
