"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Section } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { primaryButton, secondaryButton } from "@/components/ui/field";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";
import { DeadLetters } from "./dead-letters";
import { formatCount, formatRate, formatSeconds, materializationUrl, type MaterializationState, type MaterializationStatus } from "./materialization-types";
import { ThroughputChart, type ThroughputSample } from "./throughput-chart";

const POLL_MS = 2_000;
const HISTORY = 150;

const STATES: Record<MaterializationState, { label: string; tone: BadgeTone }> = {
  not_materialized: { label: "Not materialized", tone: "slate" },
  waiting: { label: "Waiting for records", tone: "sky" },
  running: { label: "Running", tone: "green" },
  paused: { label: "Paused", tone: "amber" },
  stopped: { label: "Stopped by an error", tone: "red" },
  reset_detected: { label: "Topic reset detected", tone: "red" },
};

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {detail && (
        <dd className="text-xs text-slate-600" data-testid={`${testId}-detail`}>
          {detail}
        </dd>
      )}
    </div>
  );
}

/**
 * A table port's materialization, live (polled every 2 s): rows, last write, throughput, lag per partition, errors, and
 * for its owners pause/resume, restart after a topic reset and the dead letters. `compact` (the product page) leaves
 * the partitions and dead letters to the port page.
 */
export function MaterializationPanel({ portRef, initial, renderedAt, portHref, compact = false, title = "Materialization" }: { portRef: string; initial: MaterializationStatus; renderedAt: number; portHref?: string; compact?: boolean; title?: string }) {
  const queryClient = useQueryClient();
  const [samples, setSamples] = useState<ThroughputSample[]>(() => [{ at: renderedAt, rowsPerSecond: initial.rowsPerSecond, rowsWritten: initial.rowsWritten }]);
  const status = useQuery({
    queryKey: ["materialization", portRef],
    queryFn: async () => {
      const next = await apiRequest<MaterializationStatus>(materializationUrl(portRef));
      setSamples((previous) => [...previous, { at: Date.now(), rowsPerSecond: next.rowsPerSecond, rowsWritten: next.rowsWritten }].slice(-HISTORY));
      return next;
    },
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: POLL_MS,
  });
  const s = status.data;
  // Relative times count from when the data was read, so the server's and the browser's first render agree.
  const clock = status.dataUpdatedAt;
  // The generation the owner saw when they asked to restart: a restart by someone else since then makes theirs a 409.
  const [confirmRestart, setConfirmRestart] = useState<number | null>(null);

  const act = useMutation({
    mutationFn: (action: "pause" | "resume" | "restart") =>
      apiRequest<MaterializationStatus>(materializationUrl(portRef, `/${action}`), { method: "POST", json: action === "restart" ? { generation: confirmRestart } : undefined }),
    onError: () => void queryClient.invalidateQueries({ queryKey: ["materialization", portRef] }),
    onSuccess: (next) => {
      queryClient.setQueryData(["materialization", portRef], next);
      setConfirmRestart(null);
      void queryClient.invalidateQueries({ queryKey: ["dead-letters", portRef] });
    },
  });
  const state = STATES[s.state];
  const lagPartitions = s.partitions.filter((p) => (p.lagMessages ?? 0) > 0).length;

  const actions = s.canOperate && s.state !== "not_materialized" && (
    <div className="flex gap-2">
      {s.paused || s.state === "stopped" ? (
        <button type="button" className={primaryButton} disabled={act.isPending} onClick={() => act.mutate("resume")} data-testid="materialization-resume">
          {act.isPending && act.variables === "resume" ? "Resuming…" : "Resume"}
        </button>
      ) : (
        <button type="button" className={secondaryButton} disabled={act.isPending} onClick={() => act.mutate("pause")} data-testid="materialization-pause">
          {act.isPending && act.variables === "pause" ? "Pausing…" : "Pause"}
        </button>
      )}
    </div>
  );

  return (
    <div data-testid="materialization-panel" data-port={s.port}>
      <Section
        id={compact ? `materialization-${s.portId}` : "materialization"}
        title={title}
        description={
          s.topic && s.table ? (
            <>
              <code className="font-mono">{s.topic}</code> → <code className="font-mono">{s.table}</code>
              {s.contractVersion && <> · columns of contract {s.contractVersion}</>}
            </>
          ) : undefined
        }
        action={
          <div className="flex items-center gap-3">
            <Badge tone={state.tone} dot testId="materialization-state">
              {state.label}
            </Badge>
            {!compact && actions}
          </div>
        }
      >
        <div>
          {s.state === "not_materialized" ? (
            <EmptyState compact icon={null} title="This table is not materialized from a topic">
              Set “Materialized from” to one of the product’s topic ports (edit the product) and a worker fills the table from that stream.
            </EmptyState>
          ) : (
            <>
              {act.isError && (
                <p role="alert" className="mx-5 mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                  {errorMessage(act.error)}
                </p>
              )}
              {s.error && (
                <div role="alert" className="mx-5 mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="materialization-error">
                  <p className="font-medium">Materialization stopped{s.error.at ? ` ${formatRelative(s.error.at, clock)}` : ""}: {s.error.message}</p>
                  <p className="mt-1 text-red-800">No rows are written until it is fixed. Publish a table contract the table can take (or change the stream back), then {s.canOperate ? "press Resume" : "ask an owner to resume"}.</p>
                </div>
              )}
              {s.resetDetected && (
                <div role="alert" className="mx-5 mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="materialization-reset">
                  <p className="font-medium">The topic was reset {formatRelative(s.resetDetected.at, clock)}: its end is now below what the table already holds.</p>
                  <p className="mt-1">
                    {s.resetDetected.partitions.map((p) => `partition ${p.partition}: table at offset ${formatCount(p.storedOffset)}, topic ends at ${formatCount(p.endOffset)}`).join("; ")}. Nothing is skipped silently: materialization waits until{" "}
                    {s.canOperate ? "you restart it from the beginning, which empties the table and reads the topic again." : "an owner restarts it from the beginning."}
                  </p>
                  {s.canOperate && (
                    <button type="button" className={`${primaryButton} mt-2`} onClick={() => setConfirmRestart(s.generation)} data-testid="materialization-restart">
                      Restart from the beginning
                    </button>
                  )}
                </div>
              )}
              {s.paused && !s.error && (
                <p className="mx-5 mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="materialization-paused">
                  Paused: records wait on the topic and nothing is lost. {s.canOperate ? "Resume to continue from where it stopped." : "An owner can resume it."}
                </p>
              )}
              <dl className="grid grid-cols-2 gap-4 px-5 py-4 sm:grid-cols-5">
                <Stat label="Rows written" value={formatCount(s.rowsWritten)} testId="materialization-rows" />
                <Stat label="Last write" value={s.lastWriteAt ? formatRelative(s.lastWriteAt, clock) : "never"} detail={s.lastWriteAt ? formatDateTime(s.lastWriteAt) : undefined} testId="materialization-last-write" />
                <Stat label="Throughput" value={`${formatRate(s.rowsPerSecond)} rows/s`} testId="materialization-throughput" />
                <Stat
                  label="Lag"
                  value={s.lag.messages === null ? "—" : `${formatCount(s.lag.messages)} msgs`}
                  detail={s.lag.messages === null ? "until a worker sees the topic's end" : `${formatSeconds(s.lag.seconds)} behind${lagPartitions ? ` · ${lagPartitions} of ${s.partitions.length} partitions` : ""}`}
                  testId="materialization-lag"
                />
                <Stat label="Dead letters" value={formatCount(s.deadLetters.waiting)} detail={s.deadLetters.lastAt ? `last ${formatRelative(s.deadLetters.lastAt, clock)}` : "none so far"} testId="materialization-dead-letter-count" />
              </dl>
              {s.state === "waiting" && (
                <EmptyState compact icon={null} title="No records materialized yet" testId="materialization-waiting">
                  Rows appear here as soon as the topic’s producers write and a materialization worker runs (<code className="font-mono">npm start</code> runs both in the demo; elsewhere start <code className="font-mono">workers/main.ts</code> with <code className="font-mono">KAFKA_BROKERS</code>).
                </EmptyState>
              )}
              {s.fieldsNotMaterialized.length > 0 && (
                <p className="px-5 pb-3 text-xs text-slate-700" data-testid="fields-not-materialized">
                  Fields the stream carries that this table’s contract lacks, not stored: <span className="font-mono">{s.fieldsNotMaterialized.join(", ")}</span>
                </p>
              )}
              {s.partitions.length > 0 && (
                <div className="border-t border-slate-100 px-3 pt-3 pb-1">
                  <ThroughputChart samples={samples} />
                </div>
              )}
              {!compact && s.partitions.length > 0 && <PartitionsTable status={s} clock={clock} />}
              {compact && portHref && (
                <p className="border-t border-slate-100 px-5 py-2.5 text-xs">
                  <Link href={`${portHref}#materialization`} className="font-medium text-brand-700 hover:underline">
                    Lag per partition{s.canOperate ? ", dead letters and pause/resume" : ""} on the port page →
                  </Link>
                </p>
              )}
              {!compact && s.canOperate && (
                <div className="border-t border-slate-100">
                  <DeadLetters portRef={portRef} total={s.deadLetters.waiting} />
                </div>
              )}
              {!compact && !s.canOperate && s.deadLetters.waiting > 0 && (
                <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-700">
                  {formatCount(s.deadLetters.waiting)} records could not be materialized. The owning team sees them and can replay them after a fix.
                </p>
              )}
            </>
          )}
          {status.isError && (
            <p role="status" className="px-5 pb-3 text-xs text-amber-900">
              Live updates paused: {errorMessage(status.error)} Retrying…
            </p>
          )}
        </div>
        <ConfirmDialog
          open={confirmRestart !== null}
          onClose={() => setConfirmRestart(null)}
          onConfirm={() => act.mutate("restart")}
          title="Restart from the beginning?"
          description={
            <>
              Empties <code className="font-mono">{s.table}</code> ({formatCount(s.rowsWritten)} rows) and its dead letters, then reads <code className="font-mono">{s.topic}</code> again from its first offset.
            </>
          }
          testId="confirm-restart"
          confirmLabel="Empty the table and restart"
          pendingLabel="Restarting…"
          pending={act.isPending}
          error={act.isError ? errorMessage(act.error) : undefined}
        />
      </Section>
    </div>
  );
}

function PartitionsTable({ status, clock }: { status: MaterializationStatus; clock: number }) {
  const th = "px-3 py-2 text-right text-xs font-medium whitespace-nowrap text-slate-600";
  const td = "px-3 py-1.5 text-right tabular-nums";
  return (
    <div className="overflow-x-auto border-t border-slate-100">
      <table className="w-full text-sm" data-testid="materialization-partitions">
        <caption className="px-5 pt-3 pb-1 text-left text-xs font-semibold text-slate-700">Lag per partition</caption>
        <thead>
          <tr>
            <th scope="col" className={`${th} pl-5 text-left!`}>Partition</th>
            <th scope="col" className={th}>Next offset</th>
            <th scope="col" className={th}>End offset</th>
            <th scope="col" className={th}>Lag (messages)</th>
            <th scope="col" className={th}>Lag (time)</th>
            <th scope="col" className={th}>Rows</th>
            <th scope="col" className={th}>Rows/s</th>
            <th scope="col" className={`${th} pr-5`}>Last write</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {status.partitions.map((p) => (
            <tr key={p.partition} data-testid="materialization-partition">
              <td className={`${td} pl-5 text-left! font-mono`}>{p.partition}</td>
              <td className={td}>{formatCount(p.nextOffset)}</td>
              <td className={td}>{p.endOffset === null ? "—" : formatCount(p.endOffset)}</td>
              <td className={td} data-testid="partition-lag-messages">
                {p.lagMessages === null ? "—" : formatCount(p.lagMessages)}
              </td>
              <td className={td}>{formatSeconds(p.lagSeconds)}</td>
              <td className={td}>{formatCount(p.rowsWritten)}</td>
              <td className={td}>{formatRate(p.rowsPerSecond)}</td>
              <td className={`${td} pr-5 text-xs text-slate-700`}>{p.lastWriteAt ? formatRelative(p.lastWriteAt, clock) : "never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
