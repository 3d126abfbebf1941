import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callRoute } from "@/lib/testing/call-route";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";
import { FACET_SCHEMAS } from "./openlineage-spec/facet-schemas";
import type { LineageNaming } from "./dataset-naming";
import { ingestOpenLineageEvents } from "./ingest-openlineage-events";
import { listUnmatchedDatasets } from "./list-unmatched-datasets";

const FIXTURES = path.resolve(import.meta.dirname, "fixtures");
const ROUTE = "api/v1/lineage/openlineage";
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/client/python";

let admin: Actor;
let reporter: Actor;
let token: string;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  reporter = (await createOwnedTeam(admin)).member;
  token = (await createApiToken(reporter, { name: "openlineage" })).token;
});

const post = (body: unknown, withToken: string | null = token) => callRoute(ROUTE, "POST", { body: typeof body === "string" ? body : JSON.stringify(body), token: withToken });

type TestDataset = { namespace: string; name: string | null; facets?: object; inputFacets?: object; outputFacets?: object };
type TestEvent = { eventType: string; eventTime: string; producer: string; schemaURL: string; run: { runId?: string; facets?: object }; job: { namespace: string; name: string; facets?: object }; inputs: TestDataset[]; outputs: TestDataset[] };

function runEvent(overrides: Partial<TestEvent> = {}): TestEvent {
  return {
    eventType: "COMPLETE",
    eventTime: "2026-12-01T10:00:00.000Z",
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: randomUUID() },
    job: { namespace: "test-scheduler", name: unique("job") },
    inputs: [],
    outputs: [],
    ...overrides,
  };
}

describe("POST /api/v1/lineage/openlineage: the spec's example events", () => {
  const files = [path.join(FIXTURES, "example_full_event.json"), ...fs.readdirSync(path.join(FIXTURES, "events")).map((f) => path.join(FIXTURES, "events", f))];
  const invalid = (file: string) => /event_invalid_|event_no_run_id/.test(file);
  // Which field each invalid fixture gets wrong.
  const EXPECTED_PATH: Record<string, string> = {
    "fluentd-event_invalid_dataset_facet.json": "/outputs/0/facets/ownership/owners/0/name",
    "fluentd-event_invalid_input_dataset_facet.json": "/inputs/0/inputFacets/dataQualityMetrics/rowCount",
    "fluentd-event_invalid_job_facet.json": "/job/facets/ownership/owners/0/name",
    "fluentd-event_invalid_output_dataset_facet.json": "/outputs/0/outputFacets/outputStatistics/rowCount",
    "fluentd-event_invalid_run_facet.json": "/run/facets/parent/run/runId",
    "fluentd-event_no_run_id.json": "/run/runId",
  };

  it.each(files.filter((f) => !invalid(f)).map((f) => [path.relative(FIXTURES, f), f]))("accepts %s", async (_, file) => {
    const response = await post(readJson(file));
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await response.json()).accepted).toBe(1);
  });

  it.each(files.filter(invalid).map((f) => [path.basename(f), f]))("refuses %s, naming the field", async (name, file) => {
    const response = await post(readJson(file));
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: { path: string }) => d.path)).toContain(EXPECTED_PATH[name]);
    expect(error.message).toContain(EXPECTED_PATH[name]);
  });

  it("records the full example's job with its last run state and time, and its facets", async () => {
    const event = readJson(path.join(FIXTURES, "events", "fluentd-event_full.json"));
    event.job.name = unique("full");
    event.run.runId = randomUUID();
    await post(event);
    const job = await db.lineageJob.findUniqueOrThrow({ where: { namespace_name: { namespace: event.job.namespace, name: event.job.name } }, include: { runs: true, datasets: { include: { dataset: true } } } });
    expect(job.lastRunState).toBe("COMPLETE");
    expect(job.lastEventTime?.toISOString()).toBe("2020-12-28T19:51:01.641Z");
    expect(Object.keys(job.facets as object)).toEqual(expect.arrayContaining(["documentation", "sourceCodeLocation", "sql"]));
    expect(job.runs[0].facets).toHaveProperty("nominalTime.nominalStartTime", "2020-12-17T03:00:00.001Z");
    expect(job.datasets.map((d) => d.direction).sort()).toEqual(["input", "output"]);
    expect(job.datasets.find((d) => d.direction === "input")?.facets).toHaveProperty("dataQualityMetrics.rowCount", 1000);
  });
});

type Kind = "RunFacet" | "JobFacet" | "DatasetFacet" | "InputDatasetFacet" | "OutputDatasetFacet";

/** Where a facet document belongs in a run event: by the definition its _schemaURL names, else the facet's first. */
function facetKind(key: string, facet: { _schemaURL?: string }): Kind {
  const candidates: { def: string; kind: Kind }[] = [];
  for (const schema of FACET_SCHEMAS) {
    const property = (schema.properties as Record<string, { $ref?: string; anyOf?: { $ref: string }[] }>)[key];
    if (!property) continue;
    const refs = property.$ref ? [property.$ref] : (property.anyOf ?? []).map((r) => r.$ref);
    for (const ref of refs.flatMap((r) => (schema.$defs[r.replace("#/$defs/", "")] as { oneOf?: { $ref: string }[] }).oneOf?.map((o) => o.$ref) ?? [r])) {
      const def = ref.replace("#/$defs/", "");
      const base = (schema.$defs[def] as { allOf?: { $ref?: string }[] }).allOf?.find((p) => p.$ref?.includes("OpenLineage.json"))?.$ref;
      if (base) candidates.push({ def, kind: base.split("/").at(-1) as Kind });
    }
  }
  const claimed = facet._schemaURL?.split("#/$defs/")[1] ?? "";
  const kind = candidates.find((c) => c.def === claimed)?.kind ?? (/^Input/.test(claimed) ? "InputDatasetFacet" : /^Output/.test(claimed) ? "OutputDatasetFacet" : candidates[0]?.kind);
  if (!kind) throw new Error(`No facet schema defines "${key}"`);
  return kind;
}

describe("each facet test document of the spec, placed into a run event", () => {
  const docs = fs.readdirSync(path.join(FIXTURES, "tests")).flatMap((facet) => fs.readdirSync(path.join(FIXTURES, "tests", facet)).map((file) => [`${facet}/${file}`, path.join(FIXTURES, "tests", facet, file)]));

  it("covers every facet folder", () => expect(docs.length).toBeGreaterThan(40));

  it.each(docs)("accepts %s and keeps the facet", async (_, file) => {
    const doc = readJson(file) as Record<string, { _schemaURL?: string }>;
    const [key, facet] = Object.entries(doc)[0];
    const kind = facetKind(key, facet);
    const dataset = { namespace: "test-warehouse", name: unique("ds") };
    const job = { namespace: "test-scheduler", name: unique("job") };
    const event = runEvent({
      run: { runId: randomUUID(), facets: kind === "RunFacet" ? doc : {} },
      job: { ...job, facets: kind === "JobFacet" ? doc : {} },
      inputs: kind === "InputDatasetFacet" ? [{ ...dataset, inputFacets: doc }] : [],
      outputs: kind === "DatasetFacet" ? [{ ...dataset, facets: doc }] : kind === "OutputDatasetFacet" ? [{ ...dataset, outputFacets: doc }] : [],
    });
    const response = await post(event);
    expect(response.status, await response.clone().text()).toBe(201);
    const row = await db.lineageJob.findUniqueOrThrow({ where: { namespace_name: job }, include: { runs: true, datasets: { include: { dataset: true } } } });
    const kept =
      kind === "RunFacet" ? row.runs[0].facets : kind === "JobFacet" ? row.facets : kind === "DatasetFacet" ? row.datasets[0].dataset.facets : row.datasets[0].facets;
    expect((kept as Record<string, unknown>)[key]).toEqual(facet);
  });
});

describe("matching datasets to Meshwork ports", () => {
  const naming = (aliases: Record<string, string> = {}): LineageNaming => ({
    kafkaBrokers: ["kafka.meshwork.test:9092"],
    postgres: { hostPort: "db.meshwork.test:5432", database: "meshwork" },
    aliases: new Map(Object.entries(aliases)),
  });

  async function kafkaAndTable() {
    const team = await createOwnedTeam(admin);
    const topicProduct = await registerProduct(team.owner);
    const topicPort = await db.port.findFirstOrThrow({ where: { dataProductId: topicProduct.id } });
    const schema = `mwl_${randomUUID().slice(0, 8)}`;
    const tableProduct = await registerProduct(team.owner, { outputPorts: [{ name: "rows", type: "table", table: `${schema}.orders` }] });
    const tablePort = await db.port.findFirstOrThrow({ where: { dataProductId: tableProduct.id } });
    return { team, topicPort, tablePort, schema };
  }

  it("links a Kafka-to-Postgres job to the topic port it reads and the table port it writes", async () => {
    const { team, topicPort, tablePort, schema } = await kafkaAndTable();
    const event = runEvent({
      inputs: [{ namespace: "kafka://kafka.meshwork.test:9092", name: topicPort.location }],
      outputs: [{ namespace: "postgres://db.meshwork.test:5432", name: `meshwork.${schema}.ORDERS` }],
    });
    const result = await ingestOpenLineageEvents(team.member, event, { naming: naming() });
    expect(result.datasets.every((d) => d.matched)).toBe(true);
    const edges = await db.lineageJobDataset.findMany({ where: { job: { name: event.job.name } }, include: { dataset: true } });
    expect(Object.fromEntries(edges.map((e) => [e.direction, e.dataset.portId]))).toEqual({ input: topicPort.id, output: tablePort.id });
  });

  it("keeps datasets it cannot match, as seen in lineage but not in the catalog", async () => {
    const event = runEvent({ outputs: [{ namespace: "kafka://other-cluster:9092", name: unique("zombie") }] });
    const result = await ingestOpenLineageEvents(reporter, event, { naming: naming() });
    expect(result.datasets).toEqual([{ namespace: "kafka://other-cluster:9092", name: event.outputs[0].name, matched: false }]);
    const row = await db.lineageDataset.findUniqueOrThrow({ where: { namespace_name: { namespace: "kafka://other-cluster:9092", name: event.outputs[0].name as string } } });
    expect(row.portId).toBeNull();
  });

  it("matches through aliases for the broker and the database address", async () => {
    const { team, topicPort, tablePort, schema } = await kafkaAndTable();
    const event = runEvent({
      inputs: [{ namespace: "kafka://broker.prod.example:9092", name: topicPort.location }],
      outputs: [{ namespace: "postgresql://warehouse.example", name: `analytics.${schema}.orders` }],
    });
    const without = await ingestOpenLineageEvents(team.member, event, { naming: naming() });
    expect(without.datasets.map((d) => d.matched)).toEqual([false, false]);
    const aliased = await ingestOpenLineageEvents(team.member, event, {
      naming: naming({ "kafka://broker.prod.example:9092": "kafka", "postgres://warehouse.example:5432/analytics": "postgres://db.meshwork.test:5432" }),
    });
    expect(aliased.datasets.map((d) => d.matched)).toEqual([true, true]);
    const rows = await db.lineageDataset.findMany({ where: { OR: event.inputs.concat(event.outputs).map((d) => ({ namespace: d.namespace, name: d.name as string })) } });
    expect(rows.map((r) => r.portId).sort()).toEqual([topicPort.id, tablePort.id].sort());
  });

  it("records column lineage from the columnLineage facet", async () => {
    const { team, topicPort, schema } = await kafkaAndTable();
    const columnLineage = {
      _producer: PRODUCER,
      _schemaURL: "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
      fields: { order_total: { inputFields: [{ namespace: "kafka://kafka.meshwork.test:9092", name: topicPort.location, field: "amount" }] } },
    };
    const event = runEvent({ outputs: [{ namespace: "postgres://db.meshwork.test:5432", name: `meshwork.${schema}.orders`, facets: { columnLineage } }] });
    await ingestOpenLineageEvents(team.member, event, { naming: naming() });
    const columns = await db.lineageColumn.findMany({ where: { job: { name: event.job.name } }, include: { inputDataset: true } });
    expect(columns.map((c) => [c.outputField, c.inputDataset.portId, c.inputField])).toEqual([["order_total", topicPort.id, "amount"]]);
  });
});

describe("a batch, and who may send it", () => {
  it("records a batch whole, or — with one bad event — nothing at all", async () => {
    const good = [runEvent(), runEvent()];
    const bad = runEvent({ run: {} });
    const refused = await post([...good, bad]);
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.details).toEqual([{ path: "/2/run/runId", message: "is required" }]);
    expect(await db.lineageJob.count({ where: { name: { in: good.map((e) => e.job.name) } } })).toBe(0);
    const accepted = await post(good);
    expect(accepted.status).toBe(201);
    expect((await accepted.json()).accepted).toBe(2);
    expect(await db.lineageJob.count({ where: { name: { in: good.map((e) => e.job.name) } } })).toBe(2);
  });

  it("takes two batches about the same job and datasets sent at once: one job row, both runs, the later state", async () => {
    const job = { namespace: "test-scheduler", name: unique("job") };
    const datasets = { inputs: [{ namespace: "kafka://elsewhere:9092", name: unique("in") }], outputs: [{ namespace: "kafka://elsewhere:9092", name: unique("out") }] };
    const [a, b] = await Promise.all([
      post([runEvent({ job, ...datasets, eventType: "COMPLETE", eventTime: "2026-12-01T11:00:00Z" })]),
      post([runEvent({ job, ...datasets, eventType: "FAIL", eventTime: "2026-12-01T12:00:00Z" })]),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const rows = await db.lineageJob.findMany({ where: job, include: { runs: true, datasets: true } });
    expect(rows).toHaveLength(1);
    expect([rows[0].lastRunState, rows[0].runs.length, rows[0].datasets.length]).toEqual(["FAIL", 2, 2]);
  });

  it("keeps the latest event's run state when events arrive out of order", async () => {
    const job = { namespace: "test-scheduler", name: unique("job") };
    const runId = randomUUID();
    await post([runEvent({ job, run: { runId }, eventType: "COMPLETE", eventTime: "2026-12-01T10:05:00Z" }), runEvent({ job, run: { runId }, eventType: "START", eventTime: "2026-12-01T10:00:00Z" })]);
    const row = await db.lineageJob.findUniqueOrThrow({ where: { namespace_name: job }, include: { runs: true } });
    expect([row.lastRunState, row.lastEventTime?.toISOString(), row.runs[0].state]).toEqual(["COMPLETE", "2026-12-01T10:05:00.000Z", "COMPLETE"]);
  });

  it("refuses callers without a token, with an unknown token, and users of no team", async () => {
    expect((await post(runEvent(), null)).status).toBe(401);
    expect((await post(runEvent(), "mw_not-a-real-token")).status).toBe(401);
    const loner = await createUser();
    const lonerToken = (await createApiToken(loner, { name: "x" })).token;
    const response = await post(runEvent(), lonerToken);
    expect(response.status).toBe(403);
    await expectMeshworkError(ingestOpenLineageEvents(loner, runEvent()), "forbidden");
  });

  it("answers malformed JSON with 400, an empty batch and a NUL byte with 422 naming where", async () => {
    expect((await post("{")).status).toBe(400);
    expect((await post([])).status).toBe(422);
    const nul = await post(runEvent({ job: { namespace: "a\u0000", name: "x" } }));
    expect(nul.status).toBe(422);
    expect((await nul.json()).error.details[0].path).toBe("job.namespace");
  });
});

describe("the stewards' list of datasets seen in lineage, not in the catalog", () => {
  it("lists unmatched datasets with the jobs around them, drops one once its port exists, and is for stewards only", async () => {
    const steward = await createUser({ role: "steward" });
    const topic = `${unique("zombie")}.copy`;
    const event = runEvent({ inputs: [{ namespace: "kafka://kafka.meshwork.test:9092", name: topic }], outputs: [{ namespace: "s3://bucket", name: unique("dump") }] });
    const naming: LineageNaming = { kafkaBrokers: ["kafka.meshwork.test:9092"], postgres: null, aliases: new Map() };
    await ingestOpenLineageEvents(reporter, event, { naming });
    const listed = await listUnmatchedDatasets(steward, { naming });
    const row = listed.datasets.find((d) => d.name === topic)!;
    expect(row.readBy.map((j) => j.name)).toEqual([event.job.name]);
    expect(listed.datasets.some((d) => d.name === event.outputs[0].name)).toBe(true);
    // A team registers the topic as a port: the dataset is matched and leaves the list.
    const team = await createOwnedTeam(admin);
    await registerProduct(team.owner, { outputPorts: [{ name: "events", type: "kafka_topic", topic }] });
    const after = await listUnmatchedDatasets(steward, { naming });
    expect(after.datasets.some((d) => d.name === topic)).toBe(false);
    expect((await db.lineageDataset.findFirstOrThrow({ where: { name: topic } })).portId).not.toBeNull();
    await expectMeshworkError(listUnmatchedDatasets(reporter, { naming }), "forbidden");
  });
});
