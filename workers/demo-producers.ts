// The demo's producers, one process: `node --import tsx workers/demo-producers.ts`, started by `npm start` (and the
// end-to-end server) in demo mode only. They stand in for the domain teams' services, writing registry-encoded events
// to the demo topics on KAFKA_BROKERS, and read schemas from Meshwork's registry listener with the service token.
// MESHWORK_DEMO_RATE sets records/s per topic (default 2), MESHWORK_DEMO_BAD_SHARE the share of bad records (0.02).
import { z } from "zod";

const log = (line: string) => console.log(`[demo-producers] ${line}`);

function refuse(message: string): never {
  console.error(`[demo-producers] ${message}`);
  process.exit(1);
}

const Settings = z.object({
  MESHWORK_DEMO: z.literal("on", { error: "the demo producers run in demo mode only (MESHWORK_DEMO=on)" }),
  KAFKA_BROKERS: z.string({ error: "KAFKA_BROKERS is not set: the demo producers need a Kafka cluster" }).min(1),
  REGISTRY_PORT: z.coerce.number().int().min(1).max(65535).default(8081),
  MESHWORK_REGISTRY_URL: z.string().url().optional(),
  MESHWORK_DEMO_RATE: z.coerce.number().min(0.1).max(1000).default(2),
  MESHWORK_DEMO_BAD_SHARE: z.coerce.number().min(0).max(1).default(0.02),
});

async function main() {
  const parsed = Settings.safeParse(process.env);
  if (!parsed.success) refuse(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const settings = parsed.data;
  const [{ createKafka }, { serviceToken }, { startDemoProducers }] = await Promise.all([
    import("@/lib/kafka/kafka-client"),
    import("@/lib/auth/service-identity"),
    import("@/lib/demo/run-demo-producers"),
  ]);
  const token = serviceToken();
  if (!token) refuse("no service token (MESHWORK_SERVICE_TOKEN)");
  const registryUrl = settings.MESHWORK_REGISTRY_URL ?? `http://127.0.0.1:${settings.REGISTRY_PORT}`;

  let stopping = false;
  const running: { producers?: Awaited<ReturnType<typeof startDemoProducers>> } = {};
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${signal})`);
    const { producers } = running;
    await producers?.stop().catch((error: Error) => log(`did not stop cleanly: ${error.message}`));
    log(producers ? `stopped after ${producers.sent.good} records, ${producers.sent.bad} bad ones and ${producers.sent.tombstones} tombstones` : "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  const producers = (running.producers = await startDemoProducers({
    kafka: createKafka({ brokers: settings.KAFKA_BROKERS.split(",").map((b) => b.trim()), clientId: "meshwork-demo-producers" }),
    registryUrl,
    serviceToken: token,
    ratePerTopic: settings.MESHWORK_DEMO_RATE,
    badShare: settings.MESHWORK_DEMO_BAD_SHARE,
    log,
  }));
  if (stopping) await producers.stop();
  let previous = { ...producers.sent };
  setInterval(() => {
    const now = producers.sent;
    log(`last minute: ${now.good - previous.good} records, ${now.bad - previous.bad} bad ones`);
    previous = { ...now };
  }, 60_000).unref();
}

main().catch((error) => refuse(error instanceof Error ? error.message : String(error)));
