import path from "node:path";

// Calls an app/**/route.ts handler directly, as Next would after routing: path parameters already decoded once.

export const APP_DIR = path.resolve(import.meta.dirname, "../../app");

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type RouteModule = Record<string, unknown>;

const modules = new Map<string, Promise<RouteModule>>();

export function loadRoute(folder: string): Promise<RouteModule> {
  if (!modules.has(folder)) modules.set(folder, import(path.join(APP_DIR, folder, "route.ts")) as Promise<RouteModule>);
  return modules.get(folder)!;
}

export const paramName = (segment: string) => /^\[(?:\.\.\.)?(\w+)\]$/.exec(segment)?.[1];

export type RouteCall = { params?: Record<string, string>; query?: string; body?: string | Uint8Array<ArrayBuffer>; contentType?: string; token?: string | null };

/** `folder` is the route's folder under app/, e.g. `api/v1/data-products/[id]`. */
export async function callRoute(folder: string, method: string, { params = {}, query = "", body, contentType = "application/json", token = null }: RouteCall = {}): Promise<Response> {
  const pathname = folder
    .split("/")
    .map((segment) => {
      const name = paramName(segment);
      return name ? encodeURIComponent(params[name] ?? "") : segment;
    })
    .join("/");
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("content-type", contentType);
  const request = new Request(`http://localhost/${pathname}${query ? `?${query}` : ""}`, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
  const handler = (await loadRoute(folder))[method] as Handler | undefined;
  if (!handler) throw new Error(`${folder} has no ${method} handler`);
  return handler(request, { params: Promise.resolve(params) });
}
