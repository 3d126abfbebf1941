import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { startMockKafkaCluster, type MockKafkaCluster } from "@/lib/kafka/start-mock-cluster";
import { createUser } from "@/lib/testing/fixtures";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { consumerTeam, publishedProduct } from "@/lib/subscriptions/subscription-fixtures";
import { applyAccessGrant } from "./apply-access-grant";
import { applyKafkaAcls } from "./apply-kafka-acls";
import { planKafkaAcls } from "./plan-kafka-acls";

let admin: Actor;
let cluster: MockKafkaCluster;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  cluster = await startMockKafkaCluster({ topics: [{ name: "acl-probe", partitions: 1 }] });
});
afterAll(async () => {
  await cluster?.stop();
});

async function topicSubscription() {
  const { port } = await publishedProduct(admin, { type: "kafka_topic" });
  const analysts = await consumerTeam(admin);
  const { subscription } = await requestSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Live dashboard" });
  return { subscription, analysts };
}

describe("Kafka ACL grants against librdkafka's mock cluster (which has no ACL API)", () => {
  it("the apply path answers not supported, with the cluster's words, without retrying", async () => {
    const outcome = await applyKafkaAcls(planKafkaAcls({ principal: "User:team-x", topic: "acl-probe" }), "create", { brokers: cluster.brokers });
    expect(outcome.outcome).toBe("not_supported");
    // kafkajs finds no broker to send ACLs to: the mock names controller 0, none of its brokers.
    expect(outcome.outcome === "not_supported" && outcome.reason).toMatch(/Broker 0 not found.*controller 0, which is none of its brokers 1/);
  });

  it("a topic subscription's grant ends 'not supported by this cluster: <the cluster's words>', and the subscription is active", async () => {
    const { subscription } = await topicSubscription();
    expect(subscription).toMatchObject({ state: "provisioning", grants: [{ kind: "kafka_acl", state: "pending" }] });
    const started = performance.now();
    const result = await applyAccessGrant(subscription.grants[0].id, { kafkaBrokers: cluster.brokers });
    const ms = performance.now() - started;
    expect(result).toMatchObject({ outcome: "not_supported", subscriptionActivated: true });
    const grant = await db.accessGrant.findUniqueOrThrow({ where: { id: subscription.grants[0].id } });
    expect(grant).toMatchObject({ state: "not_supported", attempts: 1, lastError: expect.stringMatching(/^not supported by this cluster: .*Broker 0 not found/) });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state).toBe("active");
    // Terminal: applying again does nothing (no endless retry).
    expect(await applyAccessGrant(grant.id, { kafkaBrokers: cluster.brokers })).toMatchObject({ outcome: "skipped" });
    expect(await db.auditEvent.count({ where: { action: "grant.not_supported", entityId: grant.id } })).toBe(1);
    console.log(`mock cluster refusal → grant not_supported: ${ms.toFixed(0)} ms`);
  });

  it("a broker that is not there is a failure to retry, not a refusal", async () => {
    const { subscription } = await topicSubscription();
    await expect(applyAccessGrant(subscription.grants[0].id, { kafkaBrokers: ["127.0.0.1:1"] })).rejects.toThrow();
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: subscription.grants[0].id } })).toMatchObject({ state: "failed", attempts: 1 });
  }, 60_000);
});
