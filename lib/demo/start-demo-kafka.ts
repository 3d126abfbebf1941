import { spawnSync } from "node:child_process";
import path from "node:path";
import { startMockKafkaCluster, type MockKafkaCluster } from "@/lib/kafka/start-mock-cluster";
import { DEMO_TOPICS } from "./demo-topics";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Installs librdkafka-dev and a C compiler where missing (apt-get, as root or through sudo), from the one package list. */
export function ensureKafkaSystemPackages(): void {
  const result = spawnSync("bash", [path.join(ROOT, "bin/system-packages.sh"), "kafka"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("Could not install the system packages the Kafka mock cluster needs (see above).");
}

/**
 * The demo's Kafka-protocol server: librdkafka's mock cluster with every demo topic created at its partition count
 * (the mock has no CreateTopics, and a topic created by a first produce would get one partition). In memory only.
 */
export async function startDemoKafka(options: { installPackages?: boolean } = {}): Promise<MockKafkaCluster> {
  if (options.installPackages !== false) ensureKafkaSystemPackages();
  return startMockKafkaCluster({ brokers: 1, topics: DEMO_TOPICS.map((t) => ({ name: t.topic, partitions: t.partitions })) });
}
