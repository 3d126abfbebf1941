import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

/** TopicNameStrategy: `<topic>-value` and `<topic>-key` belong to the output port that carries the topic. */
export function topicOfSubject(subject: string): { topic: string; part: "value" | "key" } | null {
  const match = /^(.+)-(value|key)$/.exec(subject);
  return match ? { topic: match[1], part: match[2] as "value" | "key" } : null;
}

/**
 * The one output port carrying the subject's topic. Topics are compared case-insensitively and the unique index
 * port_output_location_key holds each (type, lower(location)) once among output ports, so the answer is deterministic.
 */
export async function findPortForSubject(subject: string, client: Tx | typeof db = db) {
  const parsed = topicOfSubject(subject);
  if (!parsed) return null;
  const [hit] = await client.$queryRaw<{ id: string }[]>`
    SELECT id FROM port WHERE direction = 'output' AND type = 'kafka_topic' AND location IS NOT NULL AND lower(location) = lower(${parsed.topic})`;
  if (!hit) return null;
  const port = await client.port.findUnique({
    where: { id: hit.id },
    include: { dataProduct: { select: { id: true, urn: true, teamId: true, status: true } } },
  });
  return port ? { ...port, part: parsed.part } : null;
}
