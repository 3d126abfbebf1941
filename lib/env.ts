import { z } from "zod";
import { parseLineageAliases } from "@/lib/lineage/dataset-naming";

// One place that reads configuration; defaults make the embedded demo work with none at all.
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  // No default: outside demo mode servers refuse to start without one (lib/auth/auth-secret.ts).
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  MESHWORK_DEMO: z.enum(["on", "off"]).default("off"),
  MESHWORK_DEMO_PASSWORD: z.string().min(8).default("meshwork-demo"),
  MESHWORK_DEMO_LOGIN: z.enum(["on", "off"]).default("on"),
  MESHWORK_ADMIN_EMAILS: z.string().default(""),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  // Comma-separated host:port list of the Kafka cluster; unset, `npm start` and the tests start librdkafka's mock cluster.
  KAFKA_BROKERS: z.string().optional(),
  KAFKA_CLIENT_ID: z.string().default("meshwork"),
  KAFKA_SSL: z.enum(["on", "off"]).default("off"),
  KAFKA_SASL_MECHANISM: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  SCHEMA_REGISTRY_URL: z.string().url().optional(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  // Where data products' tables live and consumer teams' grants act (Meshwork's own database when unset).
  DATA_DATABASE_URL: z.string().url().optional(),
  // Consumer teams' PostgreSQL roles are <prefix>team_<slug>; roles are cluster-wide, so tests use a prefix of their own.
  MESHWORK_ROLE_PREFIX: z.string().regex(/^[a-z_][a-z0-9_]{0,19}$/, "lower-case letters, digits and _ (at most 20)").default("mesh_"),
  // OpenLineage addresses that are Meshwork's Kafka brokers or data database under another name (lib/lineage/dataset-naming.ts):
  // comma-separated kafka://host:port=kafka, postgres://host:port[/database]=postgres (or =<another address>).
  MESHWORK_LINEAGE_ALIASES: z.string().optional().superRefine((value, ctx) => {
    try {
      parseLineageAliases(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  // Comma-separated worker names that workers/main.ts starts; all of them when unset.
  MESHWORK_WORKERS: z.string().optional(),
  // Subscription lifecycle: how long before its end date a subscription's team is reminded (once), how often the worker
  // looks for reminders and expiries, and how often it reconciles grants with PostgreSQL.
  MESHWORK_EXPIRY_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  MESHWORK_LIFECYCLE_EVERY_SECONDS: z.coerce.number().min(0.1).max(86_400).default(60),
  MESHWORK_RECONCILE_EVERY_SECONDS: z.coerce.number().min(0.1).max(86_400).default(300),
});

export type Env = z.infer<typeof EnvSchema>;

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid Meshwork configuration:\n${problems}`);
  }
  return parsed.data;
}

export const env = loadEnv();

/** Demo mode: the generated secret, the demo accounts and their one-click sign-in exist only here. */
export const demoMode = env.MESHWORK_DEMO === "on";
export const demoLogin = demoMode && env.MESHWORK_DEMO_LOGIN === "on";

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL ?? env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Meshwork with `npm start` (embedded PostgreSQL) or set DATABASE_URL.");
  return url;
}
