import { env } from "@/lib/env";
import { MeshworkError } from "@/lib/errors";

const APP_ORIGIN = new URL(env.NEXTAUTH_URL).origin;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Bodies a cross-site <form> or a CORS-free fetch cannot send: those need a preflight we never grant.
const API_BODY = /^(application\/(json|yaml|x-yaml)|text\/(yaml|x-yaml))\b|^application\/[\w.+-]+\+json\b/i;

function ownOrigins(request: Request): Set<string> {
  const origins = new Set([APP_ORIGIN]);
  const host = request.headers.get("host");
  if (host) origins.add(`${new URL(request.url).protocol}//${host}`);
  return origins;
}

function refuse(reason: string): never {
  throw new MeshworkError("cross_site_request", `Refused a cross-site request with the session cookie (${reason}). Scripts and other sites call the API with an API token: Authorization: Bearer mw_…`);
}

/** For calls authenticated by the session cookie: refuses requests another site made the browser send (CSRF). */
export function checkSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  // A link followed from elsewhere may open a read-only URL; it cannot read the response into another site.
  const navigation = SAFE_METHODS.has(request.method) && request.headers.get("sec-fetch-mode") === "navigate";

  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none" && !navigation) refuse(`Sec-Fetch-Site: ${fetchSite}`);
  if (origin && !ownOrigins(request).has(origin) && !navigation) refuse(`Origin: ${origin}`);
  if (origin || fetchSite || SAFE_METHODS.has(request.method)) return;

  // Neither header: an old browser or a script. Only a body type that forces a CORS preflight is accepted.
  const contentType = request.headers.get("content-type");
  const hasBody = contentType !== null || Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("transfer-encoding");
  if (hasBody && !API_BODY.test(contentType ?? "")) refuse(`a ${contentType ?? "untyped"} body without Origin; send JSON or YAML`);
}
