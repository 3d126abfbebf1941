import { MeshworkError } from "@/lib/errors";
import { errorResponse } from "./api-route";

/** 404 in the API's `{ error }` shape for a path no /api/v1 route serves, naming it (cut short) and the API's reference. */
export async function notFoundApiPath(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const shown = pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  return errorResponse(new MeshworkError("not_found", `There is no API endpoint ${request.method} ${shown}; the endpoints are listed in /api/v1/openapi.json.`, [{ path: "path", message: "no such endpoint" }]));
}
