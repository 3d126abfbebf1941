import type { PortType } from "@/lib/generated/prisma/enums";

/**
 * Where Meshwork's own data lives, as OpenLineage names it (openlineage.io/docs/spec/naming): a Kafka topic is
 * namespace `kafka://<bootstrap host>:<port>`, name `<topic>`; a PostgreSQL table is namespace
 * `postgres://<host>:<port>`, name `<database>.<schema>.<table>`. Aliases say that another address (a load balancer,
 * a DNS name other tools use) is the same broker or database.
 */
export type LineageNaming = {
  /** host:port of Meshwork's Kafka brokers, lower-case. */
  kafkaBrokers: string[];
  /** host:port and database name of the data database (where table ports' tables live). */
  postgres: { hostPort: string; database: string } | null;
  /** `kafka://host:port` or `postgres://host:port[/database]` → `kafka`, `postgres`, or another such address. */
  aliases: Map<string, string>;
};

export type PortLocation = { type: PortType; location: string };

const DEFAULT_PORTS: Record<string, string> = { kafka: "9092", postgres: "5432" };

/** `kafka://Host:9092` → `{ scheme: "kafka", hostPort: "host:9092" }`; postgresql:// is postgres://. */
function parseNamespace(namespace: string): { scheme: string; hostPort: string; path: string } | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)(\/[^?#]*)?/i.exec(namespace.trim());
  if (!match) return null;
  const scheme = match[1].toLowerCase() === "postgresql" ? "postgres" : match[1].toLowerCase();
  const authority = match[2].replace(/^[^@]*@/, "").toLowerCase();
  const hostPort = /:\d+$/.test(authority) || !DEFAULT_PORTS[scheme] ? authority : `${authority}:${DEFAULT_PORTS[scheme]}`;
  return { scheme, hostPort, path: (match[3] ?? "").replace(/^\//, "") };
}

/**
 * Parses MESHWORK_LINEAGE_ALIASES: comma-separated `<address>=<target>`, where an address is `kafka://host:port` or
 * `postgres://host:port[/database]` and the target is `kafka` (Meshwork's Kafka cluster), `postgres` (its data
 * database) or another address. Throws one line naming the bad entry.
 */
export function parseLineageAliases(text: string | undefined): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const entry of (text ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const [from, to, ...rest] = entry.split("=").map((s) => s.trim());
    const source = from ? parseNamespace(from) : null;
    if (!source || !to || rest.length > 0 || !["kafka", "postgres"].includes(source.scheme)) {
      throw new Error(`MESHWORK_LINEAGE_ALIASES: "${entry}" is not <kafka://host:port | postgres://host:port[/database]>=<kafka | postgres | address>.`);
    }
    aliases.set(aliasKey(source), to.toLowerCase() === "kafka" || to.toLowerCase() === "postgres" ? to.toLowerCase() : to);
  }
  return aliases;
}

const aliasKey = (ns: { scheme: string; hostPort: string; path: string }) => `${ns.scheme}://${ns.hostPort}${ns.path ? `/${ns.path.toLowerCase()}` : ""}`;

function hostPortOfUrl(url: string | undefined): { hostPort: string; database: string } | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return { hostPort: `${parsed.hostname.toLowerCase()}:${parsed.port || "5432"}`, database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres" };
  } catch {
    return null;
  }
}

/** The naming Meshwork answers to, from the environment (read at call time, so a changed setting applies at once). */
export function lineageNamingFromEnv(environment: Record<string, string | undefined> = process.env): LineageNaming {
  return {
    kafkaBrokers: (environment.KAFKA_BROKERS ?? "").split(",").map((b) => b.trim().toLowerCase()).filter(Boolean).map((b) => (/:\d+$/.test(b) ? b : `${b}:9092`)),
    postgres: hostPortOfUrl(environment.DATA_DATABASE_URL ?? environment.DATABASE_URL),
    aliases: parseLineageAliases(environment.MESHWORK_LINEAGE_ALIASES),
  };
}

/**
 * The Meshwork port location an OpenLineage dataset names, or null when it names nothing Meshwork holds. A table's
 * database must be the data database, unless an alias names that database (`postgres://wh:5432/analytics=postgres`).
 */
export function portLocationOf(namespace: string, name: string, naming: LineageNaming): PortLocation | null {
  const ns = parseNamespace(namespace);
  if (!ns) return null;
  if (ns.scheme === "kafka") return isOurs(ns, naming) && name.trim() ? { type: "kafka_topic", location: name.trim() } : null;
  if (ns.scheme !== "postgres" || !naming.postgres) return null;
  const parts = name.split(".");
  if (parts.length !== 3 || parts.some((p) => !p.trim())) return null;
  const database = parts[0].toLowerCase();
  const viaDatabaseAlias = resolves(naming.aliases.get(`postgres://${ns.hostPort}/${database}`), "postgres", naming, 0);
  const sameDatabase = database === naming.postgres.database.toLowerCase() && isOurs(ns, naming);
  return viaDatabaseAlias || sameDatabase ? { type: "table", location: `${parts[1]}.${parts[2]}` } : null;
}

function isOurs(ns: { scheme: string; hostPort: string }, naming: LineageNaming, hops = 0): boolean {
  if (ns.scheme === "kafka" && naming.kafkaBrokers.includes(ns.hostPort)) return true;
  if (ns.scheme === "postgres" && naming.postgres?.hostPort === ns.hostPort) return true;
  return resolves(naming.aliases.get(`${ns.scheme}://${ns.hostPort}`), ns.scheme, naming, hops);
}

// An alias target is `kafka`/`postgres` (Meshwork's own) or another address, followed a few hops at most.
function resolves(target: string | undefined, scheme: string, naming: LineageNaming, hops: number): boolean {
  if (!target || hops > 5) return false;
  if (target === scheme) return true;
  const next = parseNamespace(target);
  return !!next && next.scheme === scheme && isOurs(next, naming, hops + 1);
}
