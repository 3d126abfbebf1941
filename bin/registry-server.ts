// A dedicated listener for the Confluent Schema Registry API (default port 8081, Confluent's own), for
// serializers that hit the registry hard: the same handlers as /api/schema-registry in the web app (lib's
// registryApi table), without Next's per-request overhead. Paths work with or without the /api/schema-registry prefix.
import http from "node:http";
import { Readable } from "node:stream";
import { refuseToStartWithoutSecret } from "@/lib/auth/auth-secret";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { registryApi, type RegistryHandler } from "@/lib/registry/registry-api";

refuseToStartWithoutSecret();

const PREFIX = "/api/schema-registry";
const port = Number(process.env.REGISTRY_PORT ?? 8081);

const ROUTES = Object.entries(registryApi).map(([folder, handlers]) => ({
  handlers: handlers as Record<string, RegistryHandler>,
  pattern: new RegExp(`^/${folder.replace(/\[(\w+)\]/g, "(?<$1>[^/]+)")}/?$`),
}));

// Next decodes path parameters once; so do we. One that does not decode is taken as written (and found by no name).
function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function confluentError(res: http.ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "application/vnd.schemaregistry.v1+json" });
  res.end(JSON.stringify({ error_code: status, message }));
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const pathname = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) || "/" : url.pathname;
  if (pathname === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end('{"status":"ok"}');
  }
  const route = ROUTES.map((r) => ({ r, match: r.pattern.exec(pathname) })).find((m) => m.match);
  if (!route) return confluentError(res, 404, `HTTP 404 Not Found: ${pathname}`);
  const handler = route.r.handlers[req.method ?? "GET"];
  if (!handler) return confluentError(res, 405, "HTTP 405 Method Not Allowed");
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
  // The body is streamed to the handler, which checks credentials first and reads it with the web app's size limit.
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, { method: req.method, headers, body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined, duplex: "half" } as RequestInit);
  const params = Object.fromEntries(Object.entries(route.match!.groups ?? {}).map(([key, value]) => [key, decodeOnce(value)]));
  const response = await handler(request, { params: Promise.resolve(params) });
  const body = Buffer.from(await response.arrayBuffer());
  // A refused request whose body was never read: answer at once and close, instead of draining the rest.
  const unread = hasBody && !req.complete;
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...(unread ? { connection: "close" } : {}) });
  res.end(body, () => {
    if (unread) req.destroy();
  });
}

const server = http.createServer((req, res) => {
  // What the web app's proxy adds to its API responses, for answers that never pass through Next.
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) confluentError(res, 500, "Error in the backend data store");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`Schema registry API: http://localhost:${port} (also at ${PREFIX} on the web app)`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
