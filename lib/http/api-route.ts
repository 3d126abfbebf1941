import { NextResponse } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { requireActor } from "@/lib/auth/permissions";
import { MeshworkError } from "@/lib/errors";
import { checkSameOrigin } from "./check-same-origin";

type Params = Record<string, string | string[]>;
type Context<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; actor: Actor; params: P }) => Promise<unknown>;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof MeshworkError) {
    return NextResponse.json({ error: { code: error.code, message: error.message, details: error.details } }, { status: error.status });
  }
  console.error(error);
  return NextResponse.json({ error: { code: "internal_error", message: "Something went wrong on our side; the change was not saved.", details: [] } }, { status: 500 });
}

// A NUL byte names nothing (PostgreSQL cannot even store one), so a path parameter holding one finds nothing.
function refuseNulInPath(params: Params): void {
  const name = Object.keys(params ?? {}).find((key) => [params[key]].flat().some((value) => value.includes("\u0000")));
  if (name) throw new MeshworkError("not_found", `Nothing was found: the path's ${name} contains a NUL byte.`, [{ path: name, message: "contains a NUL byte" }]);
}

/** Wraps a /api/v1 handler: authenticates the caller (401 when nobody), maps errors to `{ error }` bodies. */
export function apiRoute<P extends Params = Params>(handler: Handler<P>, options: { status?: number } = {}) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      const actor = requireActor(await authenticateRequest(request));
      // No Authorization header: the browser's session cookie authenticated this call.
      if (!request.headers.has("authorization")) checkSameOrigin(request);
      const params = await context.params;
      refuseNulInPath(params);
      const result = await handler({ request, actor, params });
      if (result instanceof Response) return result;
      if (result === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
