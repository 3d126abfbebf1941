import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from "kafkajs";
import { env } from "@/lib/env";

/** The brokers Meshwork talks to (KAFKA_BROKERS), or undefined when none is configured. */
export function configuredBrokers(): string[] | undefined {
  const raw = process.env.KAFKA_BROKERS ?? env.KAFKA_BROKERS;
  const brokers = (raw ?? "").split(",").map((b) => b.trim()).filter(Boolean);
  return brokers.length > 0 ? brokers : undefined;
}

function saslOptions(): SASLOptions | undefined {
  const mechanism = process.env.KAFKA_SASL_MECHANISM ?? env.KAFKA_SASL_MECHANISM;
  if (!mechanism) return undefined;
  const username = process.env.KAFKA_SASL_USERNAME ?? env.KAFKA_SASL_USERNAME;
  const password = process.env.KAFKA_SASL_PASSWORD ?? env.KAFKA_SASL_PASSWORD;
  if (!username || !password) throw new Error(`KAFKA_SASL_MECHANISM is ${mechanism}: set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD too.`);
  return { mechanism: mechanism as "plain", username, password };
}

/**
 * One kafkajs client for Meshwork's workers and producers, configured from the environment (KAFKA_BROKERS, KAFKA_SSL,
 * KAFKA_SASL_*). `brokers` overrides KAFKA_BROKERS (tests pass their mock cluster's).
 */
export function createKafka(options: { brokers?: string[]; clientId?: string } = {}): Kafka {
  const brokers = options.brokers ?? configuredBrokers();
  if (!brokers) throw new Error("KAFKA_BROKERS is not set: Meshwork needs a Kafka cluster (`npm start` starts librdkafka's mock cluster when it is unset).");
  const config: KafkaConfig = {
    clientId: options.clientId ?? env.KAFKA_CLIENT_ID,
    brokers,
    ssl: (process.env.KAFKA_SSL ?? env.KAFKA_SSL) === "on",
    sasl: saslOptions(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  };
  return new Kafka(config);
}
