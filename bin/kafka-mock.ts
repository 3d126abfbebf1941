// `tsx bin/kafka-mock.ts [--brokers N] [topic[:partitions] ...]`: runs librdkafka's mock Kafka cluster
// for the local demo and manual testing (e.g. `kcat -b <servers> -L`) until Ctrl-C.
import { parseArgs } from "node:util";
import { startMockKafkaCluster } from "@/lib/kafka/start-mock-cluster";

const { values, positionals } = parseArgs({
  options: { brokers: { type: "string", default: "1" } },
  allowPositionals: true,
});

const topics = positionals.map((arg) => {
  const [name, partitions = "1"] = arg.split(":");
  return { name, partitions: Number(partitions) };
});

const cluster = await startMockKafkaCluster({ brokers: Number(values.brokers), topics });
console.log(cluster.brokers.join(","));
console.error("Kafka mock cluster is up (in memory, no admin API); KAFKA_BROKERS=" + cluster.brokers.join(","));
console.error("Press Ctrl-C to stop.");

const shutdown = () => {
  void cluster.stop().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
