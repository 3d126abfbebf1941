"use client";

import CodeMirror, { type EditorView } from "@uiw/react-codemirror";
import { yaml as yamlLanguage } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import type { EditorState } from "@codemirror/state";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import { ApiError, apiRequest, errorMessage } from "@/components/ui/api-request";
import { useDebounced } from "@/components/ui/use-debounced";
import type { ErrorDetail } from "@/lib/errors";
import { portApi, type ContractCheckResult, type PublishResult } from "./contract-api";
import { publishBlocker } from "./publish-blocker";
import { ContractChanges } from "./contract-changes";
import { ContractVerdict } from "./contract-verdict";
import { ImpactList } from "@/components/lineage/impact-list";
import { versionInYaml, withNextMinorVersion } from "./next-version";
import { useWithCspNonce, yamlTheme } from "./yaml-theme";

const MAX_BYTES = 512 * 1024;
const extensions = [yamlLanguage(), lintGutter(), ...yamlTheme("Contract YAML editor")];

type Props = {
  portRef: string;
  portHref: string;
  initialYaml: string;
  latestVersion: string | null;
  initialSchemaType: "AVRO" | "JSON";
};

/** Maps the API's 1-based line/column to editor positions; problems without a line sit on line 1. */
function toDiagnostics(state: EditorState, errors: ErrorDetail[]): Diagnostic[] {
  const doc = state.doc;
  return errors.map((e) => {
    const line = doc.line(Math.min(Math.max(e.line ?? 1, 1), doc.lines));
    const indent = line.text.length - line.text.trimStart().length;
    const from = Math.min(line.from + (e.column ? e.column - 1 : indent), line.to);
    return { from, to: from < line.to ? line.to : from, severity: "error", source: "Meshwork", message: e.path && e.path !== "(root)" ? `${e.path}: ${e.message}` : e.message };
  });
}

const button = "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-50";

export function ContractEditor({ portRef, portHref, initialYaml, latestVersion, initialSchemaType }: Props) {
  const withNonce = useWithCspNonce(extensions);
  const queryClient = useQueryClient();
  const router = useRouter();
  const [start] = useState(() => withNextMinorVersion(initialYaml, latestVersion));
  const [text, setText] = useState(start.text);
  const [notice, setNotice] = useState<string | null>(start.bumpedTo ? `Prefilled from version ${latestVersion}; the version is bumped to ${start.bumpedTo}. Change it if this is a patch or a new major version.` : null);
  const [schemaType, setSchemaType] = useState<"AVRO" | "JSON">(initialSchemaType);
  // A hand-written Avro/JSON Schema replaces the one derived from the contract; the server checks it against the contract's fields.
  const [customSchema, setCustomSchema] = useState("");
  const debouncedCustomSchema = useDebounced(customSchema, 500);
  const [fileError, setFileError] = useState<string | null>(null);
  const viewRef = useRef<EditorView | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const debounced = useDebounced(text, 500);

  const check = useQuery({
    queryKey: ["contract-check", portRef, schemaType, debounced, debouncedCustomSchema],
    queryFn: () =>
      apiRequest<ContractCheckResult>("/api/v1/contracts/check", {
        method: "POST",
        json: { contract: debounced, port: portRef, schemaType, ...(debouncedCustomSchema.trim() ? { customSchema: debouncedCustomSchema } : {}) },
      }),
    enabled: debounced.trim().length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 0,
  });

  const publish = useMutation({
    mutationFn: (contract: string) => apiRequest<PublishResult>(`${portApi(portRef)}/contracts`, { method: "POST", json: { contract, schemaType, ...(customSchema.trim() ? { customSchema } : {}) } }),
    onSuccess: () => router.refresh(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["contract-check", portRef] }),
  });

  const checkProblem = check.error instanceof ApiError && check.error.details.length === 0 ? check.error.message : undefined;
  // once published, re-checking the same text only says "already exists"; the publish result speaks instead
  const published = publish.isSuccess && publish.variables === text;
  const errors: ErrorDetail[] = useMemo(
    () =>
      published
        ? []
        : publish.error instanceof ApiError && publish.error.status === 422
        ? publish.error.details
        : check.error instanceof ApiError
          ? check.error.details
          : (check.data?.errors ?? []),
    [published, publish.error, check.error, check.data],
  );
  const pending = text !== debounced || check.isFetching;
  const version = versionInYaml(text);
  const blocked = publishBlocker({ empty: !text.trim(), pending, problem: checkProblem, result: check.data, errors: errors.length });

  useEffect(() => {
    const view = viewRef.current;
    // Problems of the hand-written schema belong to its own box, not to a line of the contract.
    const contractErrors = errors.filter((e) => !e.path.startsWith("customSchema"));
    if (view) view.dispatch(setDiagnostics(view.state, text.trim() ? toDiagnostics(view.state, contractErrors) : []));
    // diagnostics follow the latest check result, not every keystroke
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errors]);

  function replaceText(next: string, message: string | null) {
    publish.reset();
    setText(next);
    setNotice(message);
  }

  async function loadTemplate() {
    setFileError(null);
    try {
      const loaded = withNextMinorVersion(await apiRequest<string>(`${portApi(portRef)}/contract-template`), latestVersion);
      replaceText(loaded.text, loaded.bumpedTo ? `Loaded the latest published version (${latestVersion}), bumped to ${loaded.bumpedTo}.` : "Loaded the port's template.");
    } catch (error) {
      setFileError(error instanceof ApiError && error.status > 0 ? `The template could not be loaded (${error.status}).` : errorMessage(error));
    }
  }

  async function uploadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setFileError(null);
    if (!/\.(ya?ml|json)$/i.test(file.name)) return setFileError(`${file.name} is not a .yaml, .yml or .json file.`);
    if (file.size > MAX_BYTES) return setFileError(`${file.name} is ${(file.size / 1024).toFixed(0)} KiB; contracts may be at most 512 KiB.`);
    replaceText(await file.text(), `Loaded ${file.name}.`);
  }

  function jumpTo(e: ErrorDetail) {
    const view = viewRef.current;
    if (!view) return;
    const [d] = toDiagnostics(view.state, [e]);
    view.dispatch({ selection: { anchor: d.from }, scrollIntoView: true });
    view.focus();
  }

  const result = publish.data;
  const publishError = publish.error instanceof ApiError ? publish.error : publish.error ? new ApiError(0, "error", publish.error.message) : null;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={button} onClick={() => void loadTemplate()} title="Replace the editor's text with the port's template (its latest published version, if there is one)">
              Load template
            </button>
            <button type="button" className={button} onClick={() => fileRef.current?.click()}>
              Upload file
            </button>
            <input ref={fileRef} type="file" accept=".yaml,.yml,.json,application/yaml,application/json" className="hidden" data-testid="contract-file" onChange={(e) => void uploadFile(e)} />
            <span className="text-xs text-slate-400">…or paste a YAML / JSON contract (≤ 512 KiB)</span>
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Schema type
            <select
              aria-label="Schema type"
              data-testid="schema-type"
              value={schemaType}
              onChange={(e) => setSchemaType(e.target.value as "AVRO" | "JSON")}
              className="rounded-md border border-slate-300 bg-white py-1 pr-8 pl-2 text-sm text-slate-800 shadow-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
            >
              <option value="AVRO">Avro</option>
              <option value="JSON">JSON Schema</option>
            </select>
          </label>
        </div>
        {fileError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {fileError}
          </p>
        )}
        {notice && !fileError && <p className="text-xs text-slate-500" data-testid="editor-notice">{notice}</p>}
        <div data-testid="contract-editor" className="overflow-hidden rounded-xl border border-slate-300 bg-white shadow-sm focus-within:border-brand-500 focus-within:ring-1 focus-within:ring-brand-500">
          <CodeMirror
            value={text}
            onChange={(value) => {
              setText(value);
              if (publish.isError) publish.reset();
            }}
            onCreateEditor={(view) => {
              viewRef.current = view;
            }}
            extensions={withNonce}
            height="62vh"
            aria-label="Contract YAML"
            basicSetup={{ foldGutter: true, autocompletion: false }}
          />
        </div>
        <div className="flex items-center justify-between text-xs text-slate-500">
          <span>{published ? "Published" : pending ? "Checking…" : check.data ? (check.data.valid ? "Valid ODCS v3 contract" : `${errors.length} problem${errors.length === 1 ? "" : "s"}`) : ""}</span>
          <span>{new Blob([text]).size.toLocaleString("en")} bytes</span>
        </div>
        <details className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" open={customSchema.length > 0}>
          <summary className="cursor-pointer font-medium text-slate-700">Hand-written {schemaType === "AVRO" ? "Avro schema" : "JSON Schema"} (optional)</summary>
          <p className="mt-1 text-xs text-slate-500">Leave empty to register the schema Meshwork derives from the contract. A schema pasted here is registered instead, once it matches the contract&apos;s fields.</p>
          <textarea
            aria-label="Hand-written schema"
            value={customSchema}
            onChange={(e) => setCustomSchema(e.target.value)}
            rows={6}
            spellCheck={false}
            className="mt-2 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
          />
        </details>
      </div>

      <aside className="space-y-4">
        <ContractVerdict result={text.trim() ? check.data : undefined} pending={!published && pending} problem={checkProblem} published={published ? publish.data : undefined} />
        {!published && text.trim() && check.data?.valid && check.data.impact && (
          <ImpactList summary={check.data.impact.summary} fields={check.data.impact.fields} downstream={check.data.impact.downstream} impacted={check.data.impact.impacted} />
        )}

        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
          <button
            type="button"
            disabled={publish.isPending || published || !!blocked}
            aria-describedby={blocked && !published ? "publish-blocked" : undefined}
            onClick={() => publish.mutate(text)}
            className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {publish.isPending ? "Publishing…" : `Publish version ${version ?? ""}`.trim()}
          </button>
          {blocked && !published ? (
            <p id="publish-blocked" data-testid="publish-blocked" className="mt-2 text-xs font-medium text-slate-700">
              {blocked}
            </p>
          ) : (
            <p className="mt-2 text-xs text-slate-500">Compatible versions go live at once; an incompatible new major version waits for a governance steward.</p>
          )}

          {result && (
            <div data-testid="publish-result" data-status={result.status} className={`mt-4 rounded-lg border px-3 py-2.5 text-sm ${result.status === "active" ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}>
              {result.status === "active" ? (
                <p>
                  <span className="font-semibold">Version {result.version} is active.</span>
                  {result.schemaId !== null && <> Its schema is registered with id <span className="font-mono">{result.schemaId}</span>.</>}
                </p>
              ) : result.status === "pending_approval" ? (
                <p>
                  <span className="font-semibold">Version {result.version} is waiting for a steward&apos;s approval.</span> The active version stays live until it is approved.
                </p>
              ) : (
                <p className="font-semibold">Version {result.version} is saved as a draft.</p>
              )}
              {result.externalSyncError && <p className="mt-1 text-red-700">The external schema registry refused it: {result.externalSyncError}</p>}
              <Link href={result.status === "active" ? portHref : `${portHref}?tab=versions`} className="mt-2 inline-block font-medium underline hover:no-underline">
                Back to the contract
              </Link>
            </div>
          )}

          {publishError && (
            <div role="alert" data-testid="publish-error" data-status={publishError.status} className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-900">
              <p className="font-semibold">{publishError.status === 409 ? "Refused" : publishError.status === 422 ? "The contract is invalid" : "Not published"}</p>
              <p className="mt-0.5">{publishError.message}</p>
              {publishError.details.length > 0 && (
                <ul className="mt-2 ml-4 list-disc space-y-1 text-[13px]">
                  {publishError.details.map((d, i) => (
                    <li key={i}>
                      {publishError.status !== 409 && <code className="font-mono text-xs">{d.path}</code>} {d.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>

        <div className="rounded-xl border border-slate-200 bg-white shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
          <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
            Problems <span className={`ml-1 rounded-full px-1.5 text-xs ${errors.length ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-500"}`}>{errors.length}</span>
          </h2>
          <ul data-testid="contract-errors" className="max-h-72 divide-y divide-slate-100 overflow-y-auto">
            {errors.length === 0 ? (
              <li className="px-4 py-3 text-sm text-slate-500">{published || check.data?.valid ? "No problems found." : "Nothing checked yet."}</li>
            ) : (
              errors.map((e, i) => (
                <li key={i} data-testid="contract-error">
                  <button type="button" onClick={() => jumpTo(e)} className="w-full px-4 py-2.5 text-left text-sm hover:bg-red-50/50">
                    <span className="flex items-baseline justify-between gap-2">
                      <code className="font-mono text-xs break-all text-slate-700">{e.path || "(root)"}</code>
                      <span className="shrink-0 font-mono text-[11px] text-slate-400">{e.line ? `line ${e.line}${e.column ? `:${e.column}` : ""}` : "line 1"}</span>
                    </span>
                    <span className="mt-0.5 block text-red-700">{e.message}</span>
                  </button>
                </li>
              ))
            )}
          </ul>
        </div>

        <div className="rounded-xl border border-slate-200 bg-white shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
          <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
            Changes {check.data?.previousVersion ? <span className="font-normal text-slate-500">since {check.data.previousVersion}</span> : null}
          </h2>
          <div className="max-h-96 overflow-y-auto pb-2" data-testid="editor-changes">
            {published ? (
              <ContractChanges changes={publish.data?.changes ?? []} emptyText="No semantic changes to report." />
            ) : check.data?.valid ? (
              <ContractChanges changes={check.data.changes ?? []} emptyText={check.data.previousVersion ? "No semantic changes yet." : "This will be the port's first version."} />
            ) : (
              <p className="px-4 py-3 text-sm text-slate-500">Shown once the contract is valid.</p>
            )}
          </div>
        </div>
      </aside>
    </div>
  );
}
