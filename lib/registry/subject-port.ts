import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

/** TopicNameStrategy: `<topic>-value` and `<topic>-key` belong to the output port that carries the topic. */
export function topicOfSubject(subject: string): { topic: string; part: "value" | "key" } | null {
  const match = /^(.+)-(value|key)$/.exec(subject);
  return match ? { topic: match[1], part: match[2] as "value" | "key" } : null;
}

export async function findPortForSubject(subject: string, client: Tx | typeof db = db) {
  const parsed = topicOfSubject(subject);
  if (!parsed) return null;
  const port = await client.port.findFirst({
    where: { direction: "output", type: "kafka_topic", location: parsed.topic },
    include: { dataProduct: { select: { id: true, urn: true, teamId: true, status: true } } },
  });
  return port ? { ...port, part: parsed.part } : null;
}
