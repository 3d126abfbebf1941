import { MeshworkError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/read-body";
import { RegistryError, schemaNotFound, subjectNotFound, versionNotFound } from "./registry-error";

export const REGISTRY_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

export function registryJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": REGISTRY_CONTENT_TYPE } });
}

type Handler<P> = (request: Request, params: P) => Promise<unknown>;

// A NUL byte can never be stored, so a read or delete naming one finds nothing; writes are validated where they happen.
function refuseNulOnRead(request: Request, params: unknown): void {
  if (request.method !== "GET" && request.method !== "DELETE") return;
  const { subject, version, id } = (params ?? {}) as Record<string, unknown>;
  const holds = (value: unknown) => typeof value === "string" && value.includes("\u0000");
  if (holds(subject)) throw subjectNotFound(String(subject));
  if (holds(version)) throw versionNotFound(String(version));
  if (holds(id)) throw schemaNotFound();
}

/** Wraps a schema-registry handler: Confluent's content type and `{ error_code, message }` error bodies. */
export function registryRoute<P>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await context.params;
      refuseNulOnRead(request, params);
      const result = await handler(request, params);
      return result instanceof Response ? result : registryJson(result);
    } catch (error) {
      if (error instanceof RegistryError) return registryJson({ error_code: error.errorCode, message: error.message }, error.status);
      console.error(error);
      return registryJson({ error_code: 50001, message: "Error in the backend data store" }, 500);
    }
  };
}

/** The JSON body, read with the API's size limit (stops reading past it) and refused in Confluent's format. */
export async function readRegistryBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request).catch((error: unknown) => {
    throw error instanceof MeshworkError ? new RegistryError(error.status, error.status, error.message) : error;
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new RegistryError(400, 400, "Unrecognized request body: not valid JSON");
  }
}

export const wantsDeleted = (request: Request) => new URL(request.url).searchParams.get("deleted") === "true";
