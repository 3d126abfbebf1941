/**
 * Whether a request path holds a percent-escape that does not decode (`%`, `abc%`, `%E0%A4%A`): no route can name
 * such a path, so it is answered before routing (400 for the JSON API, 404 elsewhere) instead of failing inside Next.
 */
export function hasUndecodableEscape(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/** The answer to such a path, in the format of the part of Meshwork it was aimed at. */
export function undecodablePathResponse(pathname: string): Response {
  const message = "The path holds a percent-escape that does not decode (for example a lone % or a cut-off UTF-8 sequence).";
  if (pathname.startsWith("/api/schema-registry")) {
    return Response.json({ error_code: 40401, message: `Subject not found. ${message}` }, { status: 404, headers: { "content-type": "application/vnd.schemaregistry.v1+json" } });
  }
  if (pathname.startsWith("/api/")) {
    return Response.json({ error: { code: "bad_request", message, details: [{ path: "path", message: "does not decode" }] } }, { status: 400 });
  }
  return new Response(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Not found</h1><p>${message} <a href="/search">Search data products</a>.</p></main></body></html>`, {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}
