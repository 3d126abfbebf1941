import type { Kafka } from "kafkajs";
import { configuredBrokers, createKafka } from "@/lib/kafka/kafka-client";
import type { AclBinding } from "./plan-kafka-acls";

export type KafkaAclOutcome = { outcome: "applied" } | { outcome: "not_supported"; reason: string };

/** Kafka's protocol errors that mean "this cluster will not take ACLs from us", whatever we retry. */
const REFUSALS = new Set(["SECURITY_DISABLED", "UNSUPPORTED_VERSION", "CLUSTER_AUTHORIZATION_FAILED", "INVALID_REQUEST", "UNKNOWN_SERVER_ERROR"]);
const REFUSING_ERRORS = new Set(["KafkaJSServerDoesNotSupportApiKey", "KafkaJSNotImplemented", "KafkaJSBrokerNotFound"]);

/**
 * Creates (or deletes) ACL bindings through kafkajs' admin client on the cluster of KAFKA_BROKERS (or `brokers`).
 * A cluster that refuses — no ACL API (librdkafka's mock cluster names no controller to send them to), security
 * disabled, not authorized — answers not_supported with the cluster's own words, so the grant ends there instead of
 * being retried forever; no cluster configured is the same. A connection that fails is thrown, to be retried.
 */
export async function applyKafkaAcls(bindings: AclBinding[], action: "create" | "delete", { brokers = configuredBrokers(), kafka }: { brokers?: string[]; kafka?: Kafka } = {}): Promise<KafkaAclOutcome> {
  if (!kafka && !brokers) return { outcome: "not_supported", reason: "KAFKA_BROKERS is not set, so there is no cluster to apply ACLs to." };
  const admin = (kafka ?? createKafka({ brokers })).admin();
  await admin.connect();
  try {
    try {
      if (action === "create") await admin.createAcls({ acl: bindings });
      else await admin.deleteAcls({ filters: bindings });
      return { outcome: "applied" };
    } catch (error) {
      const { name, type, message } = error as { name?: string; type?: string; message?: string };
      if (!REFUSING_ERRORS.has(name ?? "") && !REFUSALS.has(type ?? "")) throw error;
      return { outcome: "not_supported", reason: `${type ? `${type}: ` : ""}${message ?? String(error)}${await clusterContext(admin)}` };
    }
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// The controller is where ACLs go: a cluster naming none (the mock's controller 0) cannot take them.
async function clusterContext(admin: ReturnType<Kafka["admin"]>): Promise<string> {
  try {
    const cluster = await admin.describeCluster();
    const ids = cluster.brokers.map((b) => b.nodeId);
    const noController = !ids.includes(cluster.controller ?? -1);
    return ` (cluster ${cluster.clusterId}: controller ${cluster.controller}${noController ? `, which is none of its brokers ${ids.join(", ")}: no broker takes ACL requests` : ""})`;
  } catch {
    return "";
  }
}
