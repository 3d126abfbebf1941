import { serviceToken } from "@/lib/auth/service-identity";
import { configuredBrokers, createKafka } from "@/lib/kafka/kafka-client";
import { requireMaterializationDatabase } from "@/lib/materialization/materialization-database";
import { createServiceRegistryClient, meshworkRegistryUrl } from "@/lib/materialization/record-decoder";
import { startMaterializer } from "@/lib/materialization/start-materializer";
import type { MeshworkWorker } from "./worker";

const positive = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  return value;
};

/**
 * Materializes every table port from its topic port into PostgreSQL, exactly once (lib/materialization). One consumer
 * group (meshwork-materializer): more worker processes share the partitions. Without KAFKA_BROKERS it idles, saying so.
 */
export const materializationWorker: MeshworkWorker = {
  name: "materialization",
  start: async ({ log }) => {
    const brokers = configuredBrokers();
    if (!brokers) {
      log("materialization: KAFKA_BROKERS is not set, so no topic is materialized (`npm start` starts a mock cluster and sets it)");
      let idle: () => void = () => {};
      const done = new Promise<void>((resolve) => (idle = resolve));
      return { stop: async () => idle(), done };
    }
    requireMaterializationDatabase();
    const token = serviceToken();
    if (!token) throw new Error("MESHWORK_SERVICE_TOKEN is not set: the materialization worker reads the registry with the service identity.");
    const topics = process.env.MESHWORK_MATERIALIZER_TOPICS;
    let topicFilter: RegExp | undefined;
    try {
      topicFilter = topics ? new RegExp(topics) : undefined;
    } catch (error) {
      throw new Error(`MESHWORK_MATERIALIZER_TOPICS is not a regular expression: ${(error as Error).message}`);
    }
    const materializer = await startMaterializer({
      topicFilter,
      kafka: createKafka({ brokers, clientId: "meshwork-materializer" }),
      registry: createServiceRegistryClient({ host: meshworkRegistryUrl(), token }),
      log,
      sessionTimeoutMs: positive("MESHWORK_MATERIALIZER_SESSION_TIMEOUT_MS", 10_000),
      maxWaitTimeMs: positive("MESHWORK_MATERIALIZER_MAX_WAIT_MS", 100),
      partitionsConsumedConcurrently: positive("MESHWORK_MATERIALIZER_CONCURRENCY", 4),
      refreshMs: positive("MESHWORK_MATERIALIZER_REFRESH_MS", 1_000),
      onBatch: process.env.MESHWORK_MATERIALIZER_LOG_BATCHES === "on" ? (b) => log(`materialization: batch port ${b.portId} partition ${b.partition}: ${b.rows} rows, ${b.deadLetters} dead letters, next offset ${b.nextOffset}`) : undefined,
    });
    log(`materialization: reading ${brokers.join(",")}, registry ${meshworkRegistryUrl()}`);
    return materializer;
  },
};
