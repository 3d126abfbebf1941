// A dedicated listener for the Confluent Schema Registry API (default port 8081, Confluent's own), for
// serializers that hit the registry hard: the same handlers as /api/schema-registry in the web app,
// without Next's per-request overhead. Paths work with or without the /api/schema-registry prefix.
import http from "node:http";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const PREFIX = "/api/schema-registry";
const port = Number(process.env.REGISTRY_PORT ?? 8081);

// Most specific first; each entry names the app/api/schema-registry folder whose route.ts handles it.
const ROUTES = [
  "compatibility/subjects/[subject]/versions/[version]",
  "config/[subject]",
  "config",
  "schemas/ids/[id]/schema",
  "schemas/ids/[id]/versions",
  "schemas/ids/[id]",
  "schemas/types",
  "subjects/[subject]/versions/[version]/schema",
  "subjects/[subject]/versions/[version]",
  "subjects/[subject]/versions",
  "subjects/[subject]",
  "subjects",
].map((folder) => ({
  folder,
  pattern: new RegExp(`^/${folder.replace(/\[(\w+)\]/g, "(?<$1>[^/]+)")}/?$`),
}));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const modules = new Map<string, Promise<Record<string, Handler>>>();

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
  if (!modules.has(route.r.folder)) modules.set(route.r.folder, import(path.join(ROOT, "app/api/schema-registry", route.r.folder, "route.ts")));
  const handler = (await modules.get(route.r.folder)!)[req.method ?? "GET"];
  if (!handler) return confluentError(res, 405, "HTTP 405 Method Not Allowed");
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
  const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const response = await handler(request, { params: Promise.resolve({ ...route.match!.groups }) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = http.createServer((req, res) => {
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
