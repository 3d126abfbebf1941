import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct, isSteward } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forbidden, validationFailed, type ErrorDetail } from "@/lib/errors";
import { rejectNulBytes } from "@/lib/validation";
import { lineageNamingFromEnv, portLocationOf, type LineageNaming } from "./dataset-naming";
import { validateOpenLineageEvent, type OpenLineageDataset, type OpenLineageEvent } from "./validate-openlineage-event";

export const MAX_OPENLINEAGE_BATCH = 500;
const MAX_DEPTH = 64;

type Facets = Record<string, unknown>;
type ColumnLineage = { fields?: Record<string, { inputFields?: { namespace: string; name: string; field: string; transformations?: unknown }[] }> };
type DatasetRow = { id: string; portId: string | null; namespace: string; name: string };

/** Who may report lineage: members of a team (their jobs), stewards and admins; never the read-only service identity. */
function requireReporter(actor: Actor): void {
  if (actor.service) throw forbidden("The service identity can only read.");
  if (!isSteward(actor) && actor.memberships.length === 0) throw forbidden("Only members of a team, governance stewards and admins can report lineage; ask an admin to add you to your team.");
}

// jsonb refuses documents nested much deeper; iterative so a hostile body cannot overflow the stack.
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return true;
    if (item && typeof item === "object") for (const child of Object.values(item)) if (child && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/** An event time without an offset is UTC (the schema accepts it; JavaScript would read it as local time). */
export function parseEventTime(text: string): Date {
  const zoned = /([Zz]|[+-]\d{2}(:?\d{2})?)$/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : `${text}Z`;
  return new Date(zoned.replace(" ", "T"));
}

/**
 * Takes OpenLineage events (one, or a batch as an array): validates each against the official JSON Schema and the
 * standard facets' schemas, then records jobs, runs, datasets (matched to Meshwork ports by the naming rules, or kept
 * as "seen in lineage, not in the catalog"), the jobs' inputs and outputs and column lineage — all in one
 * transaction, so a batch with one bad event changes nothing.
 */
export async function ingestOpenLineageEvents(actor: Actor, body: unknown, { naming = lineageNamingFromEnv() }: { naming?: LineageNaming } = {}) {
  requireReporter(actor);
  const batch = Array.isArray(body);
  const events: unknown[] = batch ? body : [body];
  if (events.length === 0) throw validationFailed("The batch is empty; send at least one OpenLineage event.", [{ path: "/", message: "expected at least one event" }]);
  if (events.length > MAX_OPENLINEAGE_BATCH) throw validationFailed(`A batch holds at most ${MAX_OPENLINEAGE_BATCH} events; send ${events.length} in several.`, [{ path: "/", message: `more than ${MAX_OPENLINEAGE_BATCH} events` }]);
  if (tooDeep(body)) throw validationFailed(`The events are nested more than ${MAX_DEPTH} levels deep.`, [{ path: "/", message: `nested more than ${MAX_DEPTH} levels` }]);
  rejectNulBytes(body, "The OpenLineage events");
  const details: ErrorDetail[] = [];
  const valid: OpenLineageEvent[] = [];
  events.forEach((event, i) => {
    const result = validateOpenLineageEvent(event, batch ? `/${i}` : "");
    if (result.ok) valid.push(result.event);
    else details.push(...result.errors);
  });
  if (details.length > 0) {
    const bad = new Set(details.map((d) => (batch ? d.path.split("/")[1] : "0"))).size;
    throw validationFailed(
      batch ? `${bad} of ${events.length} OpenLineage events are invalid (${details[0].path}: ${details[0].message}); none was recorded.` : `The OpenLineage event is invalid: ${details[0].path} ${details[0].message}.`,
      details.slice(0, 100),
    );
  }

  return db.$transaction(
    async (tx) => {
      const datasets = new Map<string, DatasetRow>();
      const jobs = new Map<string, { namespace: string; name: string }>();
      for (const event of valid) await recordEvent(tx, actor, event, naming, datasets, jobs);
      await recordAuditEvent(tx, actor, {
        action: "lineage.report",
        entityType: "lineage",
        entityId: [...jobs.values()][0] ? `${[...jobs.values()][0].namespace}/${[...jobs.values()][0].name}` : "datasets",
        summary: `Reported ${valid.length} OpenLineage event${valid.length === 1 ? "" : "s"} (${jobs.size} job${jobs.size === 1 ? "" : "s"}, ${datasets.size} dataset${datasets.size === 1 ? "" : "s"})`,
      });
      const ports = await tx.port.findMany({
        where: { id: { in: [...datasets.values()].map((d) => d.portId).filter((id): id is string => !!id) } },
        select: { id: true, name: true, dataProduct: { select: { urn: true, teamId: true, status: true } } },
      });
      const portName = new Map(ports.map((p) => [p.id, canSeeProduct(actor, p.dataProduct) ? `${p.dataProduct.urn}:${p.name}` : "a port you cannot see"]));
      return {
        accepted: valid.length,
        jobs: [...jobs.values()],
        datasets: [...datasets.values()].map((d) => ({ namespace: d.namespace, name: d.name, matched: d.portId !== null, ...(d.portId ? { port: portName.get(d.portId) } : {}) })),
      };
    },
    { timeout: 60_000 },
  );
}

async function recordEvent(tx: Tx, actor: Actor, event: OpenLineageEvent, naming: LineageNaming, datasets: Map<string, DatasetRow>, jobs: Map<string, { namespace: string; name: string }>) {
  const at = parseEventTime(event.eventTime);
  const dataset = (d: OpenLineageDataset) => upsertDataset(tx, d.namespace, d.name, d.facets ?? {}, at, naming, datasets);
  if (!event.job) {
    // A dataset event: the dataset and its facets (column lineage included), no job.
    const row = await dataset(event.dataset!);
    await recordColumnLineage(tx, row, event.dataset!.facets, null, at, naming, datasets);
    return;
  }
  const runId = event.run?.runId ?? null;
  const state = event.run ? (event.eventType ?? null) : null;
  const [job] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO lineage_job (id, namespace, name, facets, last_run_id, last_run_state, last_event_time, reported_by_id, created_at, updated_at)
    VALUES (gen_random_uuid(), ${event.job.namespace}, ${event.job.name}, ${JSON.stringify(event.job.facets ?? {})}::jsonb, ${runId}::uuid, ${state}, ${event.run ? at : null}, ${actor.id}::uuid, ${at}, ${at})
    ON CONFLICT (namespace, name) DO UPDATE SET
      facets = lineage_job.facets || EXCLUDED.facets,
      reported_by_id = EXCLUDED.reported_by_id,
      updated_at = greatest(lineage_job.updated_at, EXCLUDED.updated_at),
      -- Events may arrive out of order: the latest event time decides the job's last run.
      last_run_id = CASE WHEN EXCLUDED.last_event_time IS NOT NULL AND EXCLUDED.last_event_time >= coalesce(lineage_job.last_event_time, '-infinity') THEN EXCLUDED.last_run_id ELSE lineage_job.last_run_id END,
      last_run_state = CASE WHEN EXCLUDED.last_event_time IS NOT NULL AND EXCLUDED.last_event_time >= coalesce(lineage_job.last_event_time, '-infinity') THEN EXCLUDED.last_run_state ELSE lineage_job.last_run_state END,
      last_event_time = greatest(lineage_job.last_event_time, EXCLUDED.last_event_time)
    RETURNING id`;
  jobs.set(job.id, { namespace: event.job.namespace, name: event.job.name });
  if (event.run) {
    await tx.$executeRaw`
      INSERT INTO lineage_run (id, job_id, state, event_time, facets, created_at)
      VALUES (${event.run.runId}::uuid, ${job.id}::uuid, ${state}, ${at}, ${JSON.stringify(event.run.facets ?? {})}::jsonb, ${at})
      ON CONFLICT (id) DO UPDATE SET
        facets = lineage_run.facets || EXCLUDED.facets,
        state = CASE WHEN EXCLUDED.event_time >= lineage_run.event_time THEN coalesce(EXCLUDED.state, lineage_run.state) ELSE lineage_run.state END,
        event_time = greatest(lineage_run.event_time, EXCLUDED.event_time)`;
  }
  for (const [direction, list] of [["input", event.inputs ?? []], ["output", event.outputs ?? []]] as const) {
    for (const d of list) {
      const row = await dataset(d);
      const edgeFacets = (direction === "input" ? d.inputFacets : d.outputFacets) ?? {};
      await tx.$executeRaw`
        INSERT INTO lineage_job_dataset (job_id, dataset_id, direction, facets, last_seen_at)
        VALUES (${job.id}::uuid, ${row.id}::uuid, ${direction}::"PortDirection", ${JSON.stringify(edgeFacets)}::jsonb, ${at})
        ON CONFLICT (job_id, dataset_id, direction) DO UPDATE SET facets = lineage_job_dataset.facets || EXCLUDED.facets, last_seen_at = greatest(lineage_job_dataset.last_seen_at, EXCLUDED.last_seen_at)`;
      if (direction === "output") await recordColumnLineage(tx, row, d.facets, job.id, at, naming, datasets);
    }
  }
}

async function upsertDataset(tx: Tx, namespace: string, name: string, facets: Facets, at: Date, naming: LineageNaming, seen: Map<string, DatasetRow>): Promise<DatasetRow> {
  const location = portLocationOf(namespace, name, naming);
  const [port] = location
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM port WHERE direction = 'output' AND type = ${location.type}::"PortType" AND location IS NOT NULL AND lower(location) = lower(${location.location})`
    : [];
  const [row] = await tx.$queryRaw<DatasetRow[]>`
    INSERT INTO lineage_dataset (id, namespace, name, port_id, facets, first_seen_at, last_seen_at)
    VALUES (gen_random_uuid(), ${namespace}, ${name}, ${port?.id ?? null}::uuid, ${JSON.stringify(facets)}::jsonb, ${at}, ${at})
    ON CONFLICT (namespace, name) DO UPDATE SET
      port_id = EXCLUDED.port_id,
      facets = lineage_dataset.facets || EXCLUDED.facets,
      last_seen_at = greatest(lineage_dataset.last_seen_at, EXCLUDED.last_seen_at)
    RETURNING id, port_id AS "portId", namespace, name`;
  seen.set(row.id, row);
  return row;
}

/** The columnLineage facet of an output dataset: each output field and the input fields it is computed from. */
async function recordColumnLineage(tx: Tx, output: DatasetRow, facets: Facets | undefined, jobId: string | null, at: Date, naming: LineageNaming, seen: Map<string, DatasetRow>) {
  const lineage = facets?.columnLineage as ColumnLineage | undefined;
  for (const [outputField, entry] of Object.entries(lineage?.fields ?? {})) {
    for (const input of entry.inputFields ?? []) {
      const source = [...seen.values()].find((d) => d.namespace === input.namespace && d.name === input.name) ?? (await upsertDataset(tx, input.namespace, input.name, {}, at, naming, seen));
      await tx.$executeRaw`
        INSERT INTO lineage_column (output_dataset_id, output_field, input_dataset_id, input_field, job_id, transformations, last_seen_at)
        VALUES (${output.id}::uuid, ${outputField}, ${source.id}::uuid, ${input.field}, ${jobId}::uuid, ${input.transformations === undefined ? null : JSON.stringify(input.transformations)}::jsonb, ${at})
        ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field) DO UPDATE SET
          job_id = coalesce(EXCLUDED.job_id, lineage_column.job_id), transformations = EXCLUDED.transformations, last_seen_at = greatest(lineage_column.last_seen_at, EXCLUDED.last_seen_at)`;
    }
  }
}
