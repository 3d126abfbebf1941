"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { EmptyState } from "@/components/ui/empty-state";
import { secondaryButton } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { Modal } from "@/components/ui/modal";
import { textPreview } from "./text-preview";
import { deadLettersUrl, formatCount, type DeadLetterInspection, type DeadLetterView, type ReplayResult } from "./materialization-types";

const REASONS: Record<string, string> = {
  undecodable: "Not decodable",
  unknown_schema: "Unknown schema id",
  missing_field: "Required field missing",
  wrong_type: "Wrong type",
  rejected_by_table: "Rejected by the table",
};
const th = "px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-600";
const td = "px-3 py-2 align-top";
const PAGE = 20;

type DeadLetterPage = { deadLetters: DeadLetterView[]; nextBefore: string | null };

/** The port's dead letters (owners): newest first, older ones a page at a time; inspect one, select some and replay them after a fix. */
export function DeadLetters({ portRef, total }: { portRef: string; total: number }) {
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [inspecting, setInspecting] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ["dead-letters", portRef],
    queryFn: ({ pageParam }) => apiRequest<DeadLetterPage>(`${deadLettersUrl(portRef)}?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    refetchInterval: 5_000,
  });
  const replay = useMutation({
    mutationFn: (ids: string[]) => apiRequest<ReplayResult>(deadLettersUrl(portRef, "/replay"), { method: "POST", json: { ids } }),
    onSuccess: () => {
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ["dead-letters", portRef] });
      void queryClient.invalidateQueries({ queryKey: ["materialization", portRef] });
    },
  });
  const rows = list.data?.pages.flatMap((p) => p.deadLetters) ?? [];
  const allSelected = rows.length > 0 && rows.every((d) => selected.has(d.id));
  const where = (id: string) => {
    const d = rows.find((r) => r.id === id);
    return d ? `partition ${d.partition}, offset ${d.offset}` : `dead letter ${id}`;
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div data-testid="dead-letters">
      <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">
          Dead letters <span className="font-normal text-slate-600">({formatCount(total)} waiting)</span>
        </h3>
        {rows.length > 0 && (
          <button type="button" className={secondaryButton} disabled={selected.size === 0 || replay.isPending} onClick={() => replay.mutate([...selected])} data-testid="replay-selected">
            {replay.isPending ? "Replaying…" : `Replay selected${selected.size ? ` (${selected.size})` : ""}`}
          </button>
        )}
      </div>
      {replay.isError && (
        <p role="alert" className="mx-5 mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="replay-error">
          {errorMessage(replay.error)}
        </p>
      )}
      {replay.data && (
        <p role="status" className="mx-5 mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="replay-result">
          {formatCount(replay.data.replayed.length)} moved into the table.
          {replay.data.failed.length > 0 && ` ${formatCount(replay.data.failed.length)} still failing:`}
          {replay.data.failed.length > 0 && (
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
              {replay.data.failed.slice(0, 3).map((f) => (
                <li key={f.id}>
                  {where(f.id)}: {f.error}
                </li>
              ))}
              {replay.data.failed.length > 3 && <li>and {formatCount(replay.data.failed.length - 3)} more (each shows its error below)</li>}
            </ul>
          )}
        </p>
      )}
      {list.isError ? (
        <p role="alert" className="px-5 pb-4 text-sm text-red-700">
          Could not load the dead letters: {errorMessage(list.error)}
        </p>
      ) : list.isPending ? (
        <p className="px-5 pb-4 text-sm text-slate-600">Loading the dead letters…</p>
      ) : rows.length === 0 ? (
        <EmptyState compact icon={null} title="No dead letters" testId="dead-letters-empty">
          Every record so far decoded and fit the table. A record that does not (bad bytes, an unknown schema, a missing required field) lands here with its reason, without holding up the rest.
        </EmptyState>
      ) : (
        <>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-y border-slate-100 bg-slate-50/60">
              <tr>
                <th scope="col" className={`${th} w-8`}>
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-300"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((d) => d.id)))}
                    aria-label={`Select all ${rows.length} dead letters shown`}
                    data-testid="select-all-dead-letters"
                  />
                </th>
                <th scope="col" className={th}>Partition / offset</th>
                <th scope="col" className={th}>Error</th>
                <th scope="col" className={th}>Time</th>
                <th scope="col" className={th}>
                  <span className="sr-only">Inspect</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((d) => (
                <tr key={d.id} data-testid="dead-letter">
                  <td className={td}>
                    <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={selected.has(d.id)} onChange={() => toggle(d.id)} aria-label={`Select the dead letter at partition ${d.partition}, offset ${d.offset}`} />
                  </td>
                  <td className={`${td} font-mono text-xs whitespace-nowrap text-slate-800`}>
                    {d.partition} / {d.offset}
                  </td>
                  <td className={td}>
                    <span className="text-xs font-medium text-slate-900">{REASONS[d.reason] ?? d.reason}</span>
                    <p className="max-w-md text-xs break-words text-slate-600">{d.error}</p>
                    {d.replayError && <p className="text-xs text-red-700">Replay failed: {d.replayError}</p>}
                  </td>
                  <td className={`${td} text-xs whitespace-nowrap text-slate-700`}>
                    <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
                  </td>
                  <td className={`${td} text-right`}>
                    <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => setInspecting(d.id)} data-testid="inspect-dead-letter">
                      Inspect<span className="sr-only"> the dead letter at partition {d.partition}, offset {d.offset}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-xs text-slate-600">
            <p data-testid="dead-letters-shown">
              Showing {formatCount(rows.length)} of {formatCount(Math.max(total, rows.length))} waiting, newest first.
            </p>
            {list.hasNextPage && (
              <button type="button" className={secondaryButton} disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="older-dead-letters">
                {list.isFetchingNextPage ? "Loading older…" : `Show ${PAGE} older`}
              </button>
            )}
        </div>
        </>
      )}
      <InspectDeadLetter portRef={portRef} id={inspecting} onClose={() => setInspecting(null)} />
    </div>
  );
}

function InspectDeadLetter({ portRef, id, onClose }: { portRef: string; id: string | null; onClose: () => void }) {
  const detail = useQuery({
    queryKey: ["dead-letter", portRef, id],
    queryFn: () => apiRequest<DeadLetterInspection>(deadLettersUrl(portRef, `/${encodeURIComponent(id!)}`)),
    enabled: id !== null,
  });
  const d = detail.data;
  // Only for a value that does not decode: a decoded one is shown decoded.
  const asText = d && d.decoded !== null && !d.decoded.ok ? textPreview(d.valueBase64) : null;
  return (
    <Modal open={id !== null} onClose={onClose} title="Dead letter" wide testId="dead-letter-detail" description={d ? `${d.topic}, partition ${d.partition}, offset ${d.offset}` : undefined}>
      {detail.isPending ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : detail.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(detail.error)}
        </p>
      ) : d ? (
        <div className="space-y-3 text-sm">
          <div>
            <h3 className="text-xs font-semibold text-slate-700">Error</h3>
            <p className="text-slate-900" data-testid="dead-letter-error">
              {REASONS[d.reason] ?? d.reason}: {d.error}
            </p>
          </div>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs">
            <dt className="text-slate-600">Key</dt>
            <dd className="font-mono break-all text-slate-900">{d.key ?? "(none)"}</dd>
            <dt className="text-slate-600">Size</dt>
            <dd className="text-slate-900">{d.sizeBytes === null ? "tombstone (no value)" : `${formatCount(d.sizeBytes)} bytes`}</dd>
            <dt className="text-slate-600">Schema id in the bytes</dt>
            <dd className="text-slate-900">{d.schemaId ?? "none (not in the registry's wire format)"}</dd>
            <dt className="text-slate-600">Recorded</dt>
            <dd className="text-slate-900">{formatDateTime(d.createdAt)}</dd>
          </dl>
          {d.headHex && (
            <div>
              <h3 className="text-xs font-semibold text-slate-700">First bytes (hex)</h3>
              <code className="block font-mono text-xs break-all text-slate-900">{d.headHex}</code>
            </div>
          )}
          {asText !== null && (
            <div>
              <h3 className="text-xs font-semibold text-slate-700">The value as text</h3>
              <pre className="max-h-32 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900" data-testid="dead-letter-text">
                {asText}
              </pre>
            </div>
          )}
          <div>
            <h3 className="text-xs font-semibold text-slate-700">Raw value (base64)</h3>
            <pre className="max-h-32 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900" data-testid="dead-letter-base64">
              {d.valueBase64 ?? "(none)"}
            </pre>
          </div>
          <div>
            <h3 className="text-xs font-semibold text-slate-700">Decoded again now</h3>
            {d.decoded === null ? (
              <p className="text-slate-700">Nothing to decode.</p>
            ) : d.decoded.ok ? (
              <pre className="max-h-48 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-900" data-testid="dead-letter-decoded">
                {JSON.stringify(d.decoded.value, null, 2)}
              </pre>
            ) : (
              <p className="text-red-700" data-testid="dead-letter-decoded">
                {d.decoded.error}
              </p>
            )}
          </div>
          <div className="flex justify-end">
            <button type="button" className={secondaryButton} onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
