import { db } from "@/lib/db";

const TTL_MS = 60_000;

/**
 * Whether a record's writer schema is another topic's: registered under some other `<topic>-value` subject and not
 * under this topic's. Such a record (a producer writing to the wrong topic) is not one of this topic's records, so the
 * stream's per-record rules do not count it: its missing fields are not this contract's null values (the
 * materializer makes it a dead letter). A schema under a record-name subject, or unknown here, is not foreign.
 * Answers are kept a minute, so a schema registered for the topic meanwhile counts soon.
 */
export function createForeignSchemaCheck(now: () => number = Date.now) {
  const cache = new Map<string, { at: number; foreign: Promise<boolean> }>();
  return (topic: string, schemaId: number): Promise<boolean> => {
    const key = `${schemaId}\n${topic.toLowerCase()}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < TTL_MS) return hit.foreign;
    const foreign = db.$queryRaw<{ own: boolean | null; topics: boolean | null }[]>`
      SELECT bool_or(lower(subject) = lower(${`${topic}-value`})) AS own, bool_or(subject LIKE '%-value') AS topics
      FROM registry_subject_version WHERE schema_id = ${schemaId} AND NOT deleted`.then(([row]) => !row.own && row.topics === true);
    cache.set(key, { at: now(), foreign });
    foreign.catch(() => cache.delete(key));
    return foreign;
  };
}
