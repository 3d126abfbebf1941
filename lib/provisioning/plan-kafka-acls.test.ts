import { describe, expect, it } from "vitest";
import { consumerGroupPrefix, describeAclBinding, planKafkaAcls } from "./plan-kafka-acls";

describe("planKafkaAcls", () => {
  it("plans exactly READ and DESCRIBE on the topic and READ on the team's prefixed consumer groups, from any host", () => {
    expect(planKafkaAcls({ principal: "User:team-analytics", topic: "sales.orders" })).toEqual([
      // kafkajs' numbers: TOPIC 2, GROUP 3; LITERAL 3, PREFIXED 4; READ 3, DESCRIBE 8; ALLOW 3.
      { resourceType: 2, resourceName: "sales.orders", resourcePatternType: 3, principal: "User:team-analytics", host: "*", operation: 3, permissionType: 3 },
      { resourceType: 2, resourceName: "sales.orders", resourcePatternType: 3, principal: "User:team-analytics", host: "*", operation: 8, permissionType: 3 },
      { resourceType: 3, resourceName: "team-analytics.", resourcePatternType: 4, principal: "User:team-analytics", host: "*", operation: 3, permissionType: 3 },
    ]);
  });

  it("says each binding in words", () => {
    expect(planKafkaAcls({ principal: "User:svc", topic: "t" }).map(describeAclBinding)).toEqual([
      "ALLOW User:svc READ on TOPIC t (LITERAL)",
      "ALLOW User:svc DESCRIBE on TOPIC t (LITERAL)",
      "ALLOW User:svc READ on GROUP svc. (PREFIXED)",
    ]);
  });

  it("ends the group prefix with a dot, so one team's prefix is not another's start", () => {
    expect(consumerGroupPrefix("User:team-orders")).toBe("team-orders.");
    expect("team-orders-eu.reader".startsWith(consumerGroupPrefix("User:team-orders"))).toBe(false);
    expect(consumerGroupPrefix("analytics")).toBe("analytics.");
  });
});
