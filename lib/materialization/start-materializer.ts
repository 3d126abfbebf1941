import pg from "pg";
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from "kafkajs";
import type { SchemaRegistry } from "@kafkajs/confluent-schema-registry";
import { now } from "@/lib/clock";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { dataDatabaseUrl } from "@/lib/data-tables/data-database";
import { PortPlan } from "./port-plan";
import { createRecordDecoder } from "./record-decoder";
import { convertBatch, hasHeaders, mergeBatches, recordReset, writePartitionBatch, type ConvertedBatch, lazyValues, type PreparedRecords, type RecordValues } from "./write-partition-batch";

export const MATERIALIZER_GROUP = "meshwork-materializer";

export type MaterializerOptions = {
  kafka: Kafka;
  registry: SchemaRegistry;
  log: (line: string) => void;
  groupId?: string;
  /** How often ports, contracts, pauses and end offsets are looked at again (ms). */
  refreshMs?: number;
  /** How long the group waits for a silent member (a killed worker) before giving its partitions to the others. */
  sessionTimeoutMs?: number;
  /** The longest a fetch waits for records: the floor under produce → row latency at low rates. */
  maxWaitTimeMs?: number;
  partitionsConsumedConcurrently?: number;
  /** How many transactions write at once (each holds a connection); the partitions' buffers grow while they wait. */
  writers?: number;
  /** The most records one transaction writes per partition (what was fetched meanwhile waits for the next one). */
  maxBatchRecords?: number;
  /** Only topics matching this are materialized by this worker (MESHWORK_MATERIALIZER_TOPICS); all when unset. */
  topicFilter?: RegExp;
  /** Wait for the WAL flush at each batch's commit (off by default: exactly once does not need it, see writePartitionBatch). */
  synchronousCommit?: boolean;
  /** Called after each committed batch (tests and the benchmark watch it). */
  onBatch?: (event: { portId: string; partition: number; rows: number; deadLetters: number; nextOffset: bigint }) => void;
};

export type RunningMaterializer = { stop: () => Promise<void>; done: Promise<void> };

type PortRuntime = {
  id: string;
  urn: string;
  topic: string;
  contractVersionId: string | null;
  plan: PortPlan | null;
  active: boolean;
  generation: number;
  knownFields: Set<string>;
  /** Unknown fields the contract was already looked at again for (at this contract version): once is enough. */
  lookedAgainFor: Set<string>;
  lookingAgain: Promise<void> | null;
};

type PortRow = { id: string; urn: string; topic: string; contract_id: string | null; paused: boolean | null; error: string | null; reset_detected_at: Date | null; generation: number | null; fields: string[] | null };

const partitionKey = (portId: string, partition: number) => `${portId}:${partition}`;

function keyText(key: Buffer | null, decoded: Awaited<ReturnType<ReturnType<typeof createRecordDecoder>>> | null): string | null {
  if (!key) return null;
  if (decoded?.ok) {
    const value: unknown = decoded.value;
    return typeof value === "object" && value !== null ? JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)) : String(value);
  }
  return key.toString("utf8");
}

/**
 * The materialization worker's engine: one consumer in one group over every topic a table port is materialized from;
 * each partition's batch decoded once against the registry and written per table port by writePartitionBatch (rows
 * and offsets in one PostgreSQL transaction). Kafka's own committed offsets are not used: on joining the group the
 * assigned partitions are paused, sought to PostgreSQL's stored offsets and resumed.
 */
export async function startMaterializer(options: MaterializerOptions): Promise<RunningMaterializer> {
  const { kafka, registry, log } = options;
  const refreshMs = options.refreshMs ?? 1_000;
  const concurrency = options.partitionsConsumedConcurrently ?? 4;
  const maxBatch = options.maxBatchRecords ?? 20_000;
  const maxBuffered = 2 * maxBatch;
  const writers = options.writers ?? 2;
  const pool = new pg.Pool({ connectionString: dataDatabaseUrl(), max: writers + 2, application_name: "meshwork materializer" });
  pool.on("error", (error) => log(`materializer: an idle database connection failed: ${error.message}`));
  const decode = createRecordDecoder(registry);
  const ports = new Map<string, PortRuntime>();
  const expected = new Map<string, bigint>();
  let assignment = new Map<string, number[]>();
  let consumer: Consumer | null = null;
  // pause/resume/seek need a running consumer: set once run() returned.
  let consumerRunning = false;
  let subscribed: string[] = [];
  let stopped = false;
  let lastEndOffsets = 0;
  const crashes: number[] = [];
  let fail: (error: Error) => void = () => {};
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const admin: Admin = kafka.admin();
  await admin.connect();

  const byTopic = (topic: string) => [...ports.values()].filter((p) => p.topic === topic);

  async function loadPorts(): Promise<PortRow[]> {
    const { rows } = await pool.query<PortRow>(`
      SELECT t.id, d.urn || ':' || t.name AS urn, s.location AS topic, cv.id AS contract_id,
             m.paused, m.error, m.reset_detected_at, m.generation, m.fields_not_materialized AS fields
      FROM port t
      JOIN port s ON s.id = t.source_port_id AND s.type = 'kafka_topic' AND s.location IS NOT NULL
      JOIN data_product d ON d.id = t.data_product_id AND d.status <> 'retired'
      LEFT JOIN contract_version cv ON cv.port_id = t.id AND cv.status = 'active'
      LEFT JOIN materialization m ON m.port_id = t.id
      WHERE t.type = 'table' AND t.direction = 'output' AND t.location IS NOT NULL`);
    return rows;
  }

  async function stopPort(port: PortRuntime, message: string) {
    await pool.query(
      `INSERT INTO materialization (port_id, error, error_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (port_id) DO UPDATE SET error = $2, error_at = $3, updated_at = $3`,
      [port.id, message, now()],
    );
    port.active = false;
    log(`materializer: ${port.urn} stopped: ${message}`);
  }

  /** Brings the table up to the port's active contract (new optional fields → nullable columns) before rows use it. */
  async function ensureTable(port: PortRuntime, contractId: string | null): Promise<boolean> {
    if (!contractId) {
      port.plan = null;
      port.contractVersionId = null;
      return false;
    }
    try {
      const table = await createProductTable(port.id);
      if (table.incompatible.length > 0) {
        port.plan = null;
        await stopPort(port, `Contract ${table.contractVersion} changes the table in a way it cannot take, so materialization stopped: ${table.incompatible.join(" ")} Publish a compatible version (or a new table), then resume.`);
        port.contractVersionId = contractId;
        return false;
      }
      port.plan = new PortPlan(table);
      port.contractVersionId = contractId;
      port.lookedAgainFor.clear();
      await pool.query("UPDATE materialization SET contract_version = $2, updated_at = $3 WHERE port_id = $1", [port.id, table.contractVersion, now()]);
      if (table.created || table.addedColumns.length > 0) log(`materializer: ${port.urn} table ${table.schema}.${table.table} ${table.created ? "created" : `gained ${table.addedColumns.join(", ")}`} (contract ${table.contractVersion})`);
      return true;
    } catch (error) {
      port.plan = null;
      await stopPort(port, `The table could not be prepared: ${(error as Error).message}`);
      port.contractVersionId = contractId;
      return false;
    }
  }

  /** Seeks each assigned partition of the topic to the lowest stored offset of its active ports. */
  async function seekTopic(topic: string, only?: number[]) {
    const partitions = (assignment.get(topic) ?? []).filter((p) => !only || only.includes(p));
    const active = byTopic(topic).filter((p) => p.active);
    if (!consumer || !consumerRunning || partitions.length === 0 || active.length === 0) return;
    const { rows } = await pool.query<{ port_id: string; partition: number; next_offset: string }>(
      "SELECT port_id, partition, next_offset FROM materialization_offset WHERE port_id = ANY($1::uuid[]) AND partition = ANY($2::int[])",
      [active.map((p) => p.id), partitions],
    );
    const stored = new Map(rows.map((r) => [partitionKey(r.port_id, r.partition), BigInt(r.next_offset)]));
    for (const partition of partitions) {
      let lowest: bigint | null = null;
      for (const p of active) {
        const offset = stored.get(partitionKey(p.id, partition)) ?? 0n;
        expected.set(partitionKey(p.id, partition), offset);
        if (lowest === null || offset < lowest) lowest = offset;
      }
      forget(topic, partition);
      consumer.seek({ topic, partition, offset: (lowest ?? 0n).toString() });
    }
  }

  async function refresh() {
    const rows = (await loadPorts()).filter((r) => !options.topicFilter || options.topicFilter.test(r.topic));
    const seen = new Set<string>();
    const rewind = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      let port = ports.get(row.id);
      if (!port) {
        await pool.query("INSERT INTO materialization (port_id) VALUES ($1) ON CONFLICT DO NOTHING", [row.id]);
        port = { id: row.id, urn: row.urn, topic: row.topic, contractVersionId: null, plan: null, active: false, generation: row.generation ?? 0, knownFields: new Set(row.fields ?? []), lookedAgainFor: new Set(), lookingAgain: null };
        ports.set(row.id, port);
      }
      if (port.topic !== row.topic) {
        port.topic = row.topic;
        rewind.add(row.topic);
      }
      const wasActive = port.active;
      const healthy = !row.paused && !row.error && !row.reset_detected_at;
      let ready = port.plan !== null && port.contractVersionId === row.contract_id;
      // A new contract version (or a resume after a stopping error): bring the table up to it before any row.
      if (!ready && !row.error) ready = await ensureTable(port, row.contract_id);
      port.active = healthy && ready;
      if ((row.generation ?? 0) !== port.generation) {
        port.generation = row.generation ?? 0;
        port.knownFields = new Set(row.fields ?? []);
        rewind.add(port.topic);
      }
      if (port.active && !wasActive) rewind.add(port.topic);
    }
    for (const id of [...ports.keys()]) if (!seen.has(id)) ports.delete(id);

    const wanted = [...new Set([...ports.values()].map((p) => p.topic))].sort();
    const existing = await existingTopics(wanted);
    if (existing.join("\n") !== subscribed.join("\n")) {
      await restartConsumer(existing);
      return;
    }
    for (const topic of subscribed) {
      const active = byTopic(topic).some((p) => p.active);
      if (!consumer || !consumerRunning) break;
      if (active && rewind.has(topic)) await seekTopic(topic);
      if (active) consumer.resume([{ topic }]);
      else consumer.pause([{ topic }]);
    }
    if (Date.now() - lastEndOffsets >= 2 * refreshMs) {
      lastEndOffsets = Date.now();
      await refreshEndOffsets();
    }
  }

  async function existingTopics(topics: string[]): Promise<string[]> {
    if (topics.length === 0) return [];
    const found: string[] = [];
    for (const topic of topics) {
      try {
        const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
        if (metadata.topics[0]?.partitions.length) found.push(topic);
      } catch {
        // Not on this cluster (yet): looked for again at the next refresh.
      }
    }
    return found;
  }

  /**
   * The topics' end offsets into each port's partitions (lag), and a topic reset: a stored offset beyond the end. The
   * stored offsets are read first and the end offsets after, so an offset another worker commits meanwhile cannot
   * pass for one beyond the end (a live topic's end only grows).
   */
  async function refreshEndOffsets() {
    for (const topic of subscribed) {
      const portIds = byTopic(topic).map((p) => p.id);
      const { rows: stored } = await pool.query<{ port_id: string; partition: number; next_offset: string }>(
        "SELECT port_id, partition, next_offset FROM materialization_offset WHERE port_id = ANY($1::uuid[])",
        [portIds],
      );
      let offsets: { partition: number; high: string }[];
      try {
        offsets = await admin.fetchTopicOffsets(topic);
      } catch (error) {
        log(`materializer: cannot read the end offsets of ${topic}: ${(error as Error).message}`);
        continue;
      }
      const at = now();
      for (const o of offsets) {
        await pool.query(
          `INSERT INTO materialization_offset (port_id, partition, topic, next_offset, end_offset, end_offset_at)
           SELECT id, $2, $3, 0, $4, $5 FROM unnest($1::uuid[]) AS id
           ON CONFLICT (port_id, partition) DO UPDATE SET end_offset = $4, end_offset_at = $5`,
          [portIds, o.partition, topic, o.high, at],
        );
      }
      const high = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
      const resets = new Map<string, { partition: number; storedOffset: number; endOffset: number }[]>();
      for (const r of stored) {
        const end = high.get(r.partition);
        if (end === undefined || BigInt(r.next_offset) <= end) continue;
        resets.set(r.port_id, [...(resets.get(r.port_id) ?? []), { partition: r.partition, storedOffset: Number(r.next_offset), endOffset: Number(end) }]);
      }
      for (const [portId, partitions] of resets) {
        const port = ports.get(portId);
        const recorded = await recordReset(pool as unknown as pg.ClientBase, portId, partitions);
        if (port) port.active = false;
        if (recorded) {
          log(`materializer: ${port?.urn ?? portId}: ${topic} ends below the stored offsets (${partitions.map((p) => `partition ${p.partition}: end ${p.endOffset}, stored ${p.storedOffset}`).join("; ")}); the topic was recreated. Waiting for an owner to restart it from the beginning.`);
        }
      }
    }
  }

  async function prepare(messages: KafkaMessage[]): Promise<{ records: PreparedRecords; values: RecordValues }> {
    const offsets: string[] = new Array(messages.length);
    const keys: (string | null)[] = new Array(messages.length);
    const timestamps: string[] = new Array(messages.length);
    const values: (Buffer | null)[] = new Array(messages.length);
    const headers: (KafkaMessage["headers"] | null)[] = new Array(messages.length);
    // Records produced together share their timestamp: one ISO text for a run of them.
    let lastMs = "";
    let lastIso = "";
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      const key = m.key && m.key.length >= 5 && m.key[0] === 0 ? decode(m.key, true) : null;
      if (m.timestamp !== lastMs) {
        lastMs = m.timestamp;
        lastIso = new Date(Number(m.timestamp)).toISOString();
      }
      timestamps[i] = lastIso;
      offsets[i] = m.offset;
      values[i] = m.value;
      headers[i] = hasHeaders(m.headers) ? m.headers : null;
      keys[i] = keyText(m.key, key instanceof Promise ? await key : key);
    }
    return { records: { offsets, keys, timestamps, values, headers }, values: await lazyValues(decode, values) };
  }

  /**
   * What one fetch (or a slice of it) became for each table port of its topic, converted as soon as it was fetched:
   * the COPY text and the few per-record arrays a transaction needs. The fetched messages and the decoded values are
   * garbage by then, instead of outliving young collections while earlier batches wait for PostgreSQL.
   */
  type Chunk = { count: number; converted: Map<string, { plan: PortPlan; batch: ConvertedBatch }> };
  type Buffer_ = {
    topic: string;
    partition: number;
    chunks: Chunk[];
    /** Records in the chunks, and records fetched but not converted yet. */
    buffered: number;
    converting: number;
    /** The partition's fetches being converted, one after the other, in offset order. */
    conversions: Promise<void>;
    highWatermark: string;
    epoch: number;
    paused: boolean;
    flushing: Promise<void> | null;
  };
  const buffers = new Map<string, Buffer_>();
  const bufferOf = (topic: string, partition: number) => {
    const key = `${topic}\u0000${partition}`;
    let b = buffers.get(key);
    if (!b) buffers.set(key, (b = { topic, partition, chunks: [], buffered: 0, converting: 0, conversions: Promise.resolve(), highWatermark: "0", epoch: 0, paused: false, flushing: null }));
    return b;
  };
  const clear = (b: Buffer_) => {
    b.chunks = [];
    b.buffered = 0;
    b.epoch++;
  };
  /** A seek makes what was fetched before it stale: forget it (a batch being written checks its epoch in its transaction). */
  const forget = (topic: string, partition: number) => {
    const b = bufferOf(topic, partition);
    clear(b);
    if (b.paused && consumer) consumer.resume([{ topic, partitions: [partition] }]);
    b.paused = false;
  };

  // Fetching, converting and writing are decoupled: each fetched batch is handed to its partition's converter (which
  // runs after the consumer sent its next fetch, so converting overlaps fetching) and appended to the partition's
  // buffer, and one writer per partition commits everything buffered in one transaction, so a transaction carries many
  // fetches at low latency.
  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const b = bufferOf(batch.topic, batch.partition);
    const epoch = b.epoch;
    const { messages } = batch;
    b.highWatermark = batch.highWatermark;
    resolveOffset(messages[messages.length - 1].offset);
    b.converting += messages.length;
    b.conversions = b.conversions.then(() => new Promise((r) => setImmediate(r))).then(() => convertFetched(b, messages, epoch));
    if (b.buffered + b.converting >= maxBuffered && !b.paused && consumer) {
      b.paused = true;
      consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
    }
    await heartbeat();
  }

  async function convertFetched(b: Buffer_, fetched: KafkaMessage[], epoch: number) {
    try {
      for (let i = 0; i < fetched.length; i += maxBatch) {
        // Sought elsewhere meanwhile (or stopping): what was fetched is stale.
        if (b.epoch !== epoch || stopped) return;
        const messages = i === 0 && fetched.length <= maxBatch ? fetched : fetched.slice(i, i + maxBatch);
        const converted = await convert(b, messages);
        if (b.epoch !== epoch || stopped) return;
        if (converted.size === 0) continue;
        b.chunks.push({ count: messages.length, converted });
        b.buffered += messages.length;
        b.flushing ??= flush(b).finally(() => (b.flushing = null));
      }
    } catch (error) {
      // The registry, say: what was fetched cannot be written past, so read again from PostgreSQL's offsets (the next
      // fetches of the partition, queued behind this one, find their epoch gone).
      log(`materializer: decoding ${b.topic} partition ${b.partition} failed, reading it again from the stored offsets: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 1_000));
      if (b.epoch === epoch && !stopped) await seekTopic(b.topic, [b.partition]).catch(() => {});
    } finally {
      b.converting -= fetched.length;
    }
  }

  /** Chunks made by the same plans, which one COPY per port can write together. */
  const samePlans = (a: Chunk, c: Chunk) => a.converted.size === c.converted.size && [...a.converted].every(([id, x]) => c.converted.get(id)?.plan === x.plan);

  // At most `writers` transactions at once: a partition waiting for a connection keeps buffering, so the next
  // transaction carries everything fetched meanwhile (PostgreSQL spends far less per row in fewer, larger ones).
  let writing = 0;
  const waitingWriters: (() => void)[] = [];
  const acquireWriter = async () => {
    if (writing >= writers) await new Promise<void>((resolve) => waitingWriters.push(resolve));
    else writing++;
  };
  const releaseWriter = () => {
    const next = waitingWriters.shift();
    if (next) next();
    else writing--;
  };

  async function flush(b: Buffer_) {
    while (b.chunks.length > 0 && !stopped) {
      await acquireWriter();
      const epoch = b.epoch;
      let failure: Error | null = null;
      try {
        // Sought meanwhile: the buffer was emptied while this partition waited for a writer.
        if (b.chunks.length === 0 || stopped) return;
        const taken: Chunk[] = [b.chunks.shift()!];
        let count = taken[0].count;
        while (b.chunks.length > 0 && count + b.chunks[0].count <= maxBatch && samePlans(taken[0], b.chunks[0])) {
          count += b.chunks[0].count;
          taken.push(b.chunks.shift()!);
        }
        b.buffered -= count;
        await writeBuffered(b, taken, BigInt(b.highWatermark), () => b.epoch === epoch && !stopped);
      } catch (error) {
        failure = error as Error;
      } finally {
        releaseWriter();
      }
      if (failure) {
        // Whatever failed (the database, the registry): forget what was fetched and read again from PostgreSQL's offsets.
        log(`materializer: writing ${b.topic} partition ${b.partition} failed, reading it again from the stored offsets: ${failure.message}`);
        await new Promise((r) => setTimeout(r, 1_000));
        if (b.epoch === epoch) await seekTopic(b.topic, [b.partition]).catch(() => {});
      }
      if (b.paused && b.buffered + b.converting < maxBuffered / 2 && consumer) {
        b.paused = false;
        consumer.resume([{ topic: b.topic, partitions: [b.partition] }]);
      }
    }
  }

  /** Decodes fetched records once and makes every active port's rows of them. */
  async function convert(b: Buffer_, messages: KafkaMessage[]): Promise<Chunk["converted"]> {
    const converted: Chunk["converted"] = new Map();
    const targets = byTopic(b.topic).filter((p) => p.active && p.plan);
    if (targets.length === 0) return converted;
    const { records, values } = await prepare(messages);
    // A field the table lacks may be one the owners just added to its contract: look again before leaving it out, and
    // make the rows again. Once per field and contract version; the other partitions' fetches wait for that look
    // rather than convert without it.
    for (const port of targets) {
      for (;;) {
        const plan = port.plan;
        if (!plan || !port.active) break;
        const batch = convertBatch(plan, b.partition, records, values, port.knownFields);
        const unknown = batch.unknownFields.filter((f) => !port.lookedAgainFor.has(f));
        if (unknown.length === 0) {
          converted.set(port.id, { plan, batch });
          break;
        }
        port.lookingAgain ??= (async () => {
          const row = (await loadPorts()).find((p) => p.id === port.id);
          if (row && row.contract_id !== port.contractVersionId) await ensureTable(port, row.contract_id);
          for (const f of unknown) port.lookedAgainFor.add(f);
        })().finally(() => (port.lookingAgain = null));
        await port.lookingAgain;
      }
    }
    return converted;
  }

  async function writeBuffered(b: Buffer_, chunks: Chunk[], highWatermark: bigint, current: () => boolean) {
    const targets = byTopic(b.topic).filter((p) => p.active && p.plan);
    if (targets.length === 0) return;
    // A port not converted in every chunk was not active when they were fetched: its activation seeks back anyway.
    const converted = new Map<string, { plan: PortPlan; batch: ConvertedBatch }>();
    for (const port of targets) {
      const parts = chunks.map((c) => c.converted.get(port.id));
      if (parts.some((p) => !p)) continue;
      const batch = mergeBatches(parts.map((p) => p!.batch));
      // Another batch of the partition may have met (and listed) a field since this one was converted.
      batch.newFields = batch.newFields.filter((f) => !port.knownFields.has(f));
      converted.set(port.id, { plan: parts[0]!.plan, batch });
    }
    const client = await pool.connect();
    try {
      for (const port of targets) {
        const ready = converted.get(port.id);
        if (!port.active || !ready || !current()) continue;
        const key = partitionKey(port.id, b.partition);
        const outcome = await writePartitionBatch(client, {
          portId: port.id,
          topic: b.topic,
          partition: b.partition,
          plan: ready.plan,
          batch: ready.batch,
          highWatermark,
          expectedOffset: expected.get(key),
          synchronousCommit: options.synchronousCommit ?? false,
          current,
        });
        if (outcome.kind === "stale") return;
        if (outcome.kind === "rewind") {
          log(`materializer: ${port.urn} partition ${b.partition}: stored offset ${outcome.storedOffset} is behind this worker; seeking back`);
          expected.set(key, outcome.storedOffset);
          await seekTopic(b.topic, [b.partition]);
          return;
        }
        if (outcome.kind === "reset") {
          port.active = false;
          log(`materializer: ${port.urn}: ${b.topic} partition ${b.partition} ends at ${outcome.endOffset}, below the stored offset ${outcome.storedOffset}; the topic was recreated. Waiting for an owner to restart it from the beginning.`);
          continue;
        }
        if (outcome.kind === "inactive") {
          port.active = false;
          continue;
        }
        expected.set(key, outcome.nextOffset);
        for (const f of outcome.newFields) port.knownFields.add(f);
        if (outcome.newFields.length > 0) log(`materializer: ${port.urn}: the stream carries ${outcome.newFields.join(", ")}, which the table's contract lacks (not materialized)`);
        options.onBatch?.({ portId: port.id, partition: b.partition, rows: outcome.rows, deadLetters: outcome.deadLetters, nextOffset: outcome.nextOffset });
      }
    } finally {
      client.release();
    }
  }

  async function restartConsumer(topics: string[]) {
    if (consumer) {
      const old = consumer;
      consumer = null;
      await old.disconnect().catch(() => {});
    }
    consumerRunning = false;
    subscribed = topics;
    assignment = new Map();
    expected.clear();
    for (const b of buffers.values()) {
      clear(b);
      b.paused = false;
    }
    if (topics.length === 0 || stopped) return;
    const next = kafka.consumer({
      groupId: options.groupId ?? MATERIALIZER_GROUP,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: Math.min(1_000, Math.floor((options.sessionTimeoutMs ?? 10_000) / 5)),
      rebalanceTimeout: 30_000,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 100,
      minBytes: 1,
      maxBytesPerPartition: 4 * 1024 * 1024,
      retry: { retries: 10, initialRetryTime: 200 },
    });
    consumer = next;
    next.on(next.events.GROUP_JOIN, (event) => {
      // kafkajs has no assignment callback: pause what was assigned, seek it to PostgreSQL's offsets, then resume.
      assignment = new Map(Object.entries(event.payload.memberAssignment).map(([t, p]) => [t, p as number[]]));
      for (const k of [...expected.keys()]) expected.delete(k);
      for (const b of buffers.values()) {
        clear(b);
        b.paused = false;
      }
      const topicsNow = [...assignment.keys()];
      next.pause(topicsNow.map((topic) => ({ topic })));
      void (async () => {
        for (const topic of topicsNow) await seekTopic(topic);
        if (consumer !== next) return;
        const resumable = topicsNow.filter((t) => byTopic(t).some((p) => p.active));
        if (resumable.length > 0) next.resume(resumable.map((topic) => ({ topic })));
        log(`materializer: joined the group with ${topicsNow.map((t) => `${t} [${assignment.get(t)!.join(",")}]`).join(", ") || "no partitions"}`);
      })().catch((error: Error) => log(`materializer: seeking after the group join failed: ${error.message}`));
    });
    next.on(next.events.CRASH, (event) => {
      log(`materializer: the consumer crashed: ${event.payload.error.message} (${event.payload.restart ? "kafkajs restarts it" : "starting a new one"})`);
      if (event.payload.restart || consumer !== next || stopped) return;
      // A non-retriable error (the mock cluster answers a SyncGroup in a rebalance with INVALID_REQUEST at times):
      // a fresh consumer rejoins; PostgreSQL's offsets make that safe. Too many in a row and the worker gives up.
      crashes.push(Date.now());
      while (crashes.length > 0 && crashes[0] < Date.now() - 60_000) crashes.shift();
      if (crashes.length > 5) return fail(event.payload.error);
      setTimeout(() => {
        if (consumer === next && !stopped) restartConsumer(subscribed).catch((error: Error) => fail(error));
      }, 500);
    });
    await next.connect();
    for (const topic of topics) await next.subscribe({ topic, fromBeginning: true });
    // run() creates the consumer group before its first await, so pause/seek work from here on (the join included).
    const running = next.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: concurrency, eachBatch });
    if (consumer === next) consumerRunning = true;
    await running;
    log(`materializer: consuming ${topics.join(", ")}`);
  }

  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> = Promise.resolve();
  const tick = () => {
    refreshing = refresh()
      .catch((error: Error) => log(`materializer: refresh failed: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, refreshMs);
      });
  };
  await refresh();
  timer = setTimeout(tick, refreshMs);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      clearTimeout(timer);
      await refreshing;
      // disconnect() lets the batch in hand finish (its transaction commits or rolls back), then leaves the group.
      await consumer?.disconnect().catch((error: Error) => log(`materializer: leaving the group: ${error.message}`));
      consumer = null;
      // The transaction in hand commits (or rolls back); what is still buffered is read again by whoever comes next.
      await Promise.all([...buffers.values()].map((b) => b.conversions));
      await Promise.all([...buffers.values()].map((b) => b.flushing));
      await admin.disconnect().catch(() => {});
      await pool.end().catch(() => {});
      finish();
    })();
    return stopping;
  };
  return { stop, done };
}
