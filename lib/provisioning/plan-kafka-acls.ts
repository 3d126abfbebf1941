import kafkajs from "kafkajs";

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** One Kafka ACL binding, in kafkajs' createAcls/deleteAcls shape. */
export type AclBinding = {
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
};

/**
 * The consumer groups a team's principal may join: those named with its prefix, `<principal name>.` (User:team-orders →
 * team-orders.). The dot ends the prefix, so team-orders does not also get team-orders-eu's groups.
 */
export function consumerGroupPrefix(principal: string): string {
  const name = principal.includes(":") ? principal.slice(principal.indexOf(":") + 1) : principal;
  return `${name}.`;
}

/**
 * The ACL bindings a topic subscription needs for its principal: READ and DESCRIBE on the topic (literal), and READ on
 * the consumer groups with the team's prefix (prefixed), from any host. Nothing more: no WRITE, no cluster rights.
 */
export function planKafkaAcls({ principal, topic }: { principal: string; topic: string }): AclBinding[] {
  const allow = { principal, host: "*", permissionType: AclPermissionTypes.ALLOW };
  const onTopic = { resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL };
  return [
    { ...onTopic, ...allow, operation: AclOperationTypes.READ },
    { ...onTopic, ...allow, operation: AclOperationTypes.DESCRIBE },
    { resourceType: AclResourceTypes.GROUP, resourceName: consumerGroupPrefix(principal), resourcePatternType: ResourcePatternTypes.PREFIXED, ...allow, operation: AclOperationTypes.READ },
  ];
}

const nameOf = (values: object, value: number) => Object.entries(values).find(([, v]) => v === value)?.[0] ?? String(value);

/** A binding in words, as the grant page and the audit log show it: `ALLOW User:x READ on TOPIC orders (LITERAL)`. */
export function describeAclBinding(binding: AclBinding): string {
  return `ALLOW ${binding.principal} ${nameOf(AclOperationTypes, binding.operation)} on ${nameOf(AclResourceTypes, binding.resourceType)} ${binding.resourceName} (${nameOf(ResourcePatternTypes, binding.resourcePatternType)})`;
}
