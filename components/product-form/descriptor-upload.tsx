"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError, apiRequest } from "@/components/ui/api-request";
import type { ErrorDetail } from "@/lib/errors";
import { ErrorSummary } from "@/components/forms/error-summary";
import { primaryButton, secondaryButton } from "@/components/ui/field";

// Mirrors the server's MAX_DESCRIPTOR_BYTES so a big file is refused before it is sent.
const MAX_BYTES = 256 * 1024;
const ACCEPTED = /\.(ya?ml|json)$/i;

type Created = { id: string; urn: string; slug: string; domain: string };

export function descriptorTemplate(domain: string, team: string): string {
  return `apiVersion: meshwork/v1
kind: DataProduct
domain: ${domain}
team: ${team}
name: Order events
description: Every state change of a customer order, as it happens.
tags: [orders, events]
classification: internal        # public | internal | confidential | restricted
containsPersonalData: false
outputPorts:
  - name: order-events
    type: kafka_topic
    topic: ${domain}.order-events.v1
  - name: orders-table
    type: table
    table: ${domain.replace(/-/g, "_")}.order_events
    materializedFrom: order-events
inputPorts: []
#  - name: payments-in
#    from: { product: "urn:meshwork:payments:payment-events", port: payment-events }
`;
}

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);

export function DescriptorUpload({ template }: { template: string }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState("");
  const [dragging, setDragging] = useState(false);
  const [failure, setFailure] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  // Counts refusals: each one moves the focus to the problems, as a refused form's do.
  const [refusals, setRefusals] = useState(0);

  const upload = useMutation({
    mutationFn: async (f: File) => {
      const created = await apiRequest<Created>("/api/v1/data-products", { method: "POST", body: await f.text(), contentType: "application/yaml" });
      return `/products/${created.domain}/${created.slug}`;
    },
    onMutate: () => setFailure(null),
    onSuccess: (url) => {
      router.push(url);
      router.refresh();
    },
    onError: (error) => {
      setFailure(error instanceof ApiError ? { message: error.message, details: error.details } : { message: "Something went wrong; nothing was created.", details: [] });
      setRefusals((n) => n + 1);
    },
  });

  function choose(f: File | undefined) {
    setFailure(null);
    upload.reset();
    if (!f) return;
    if (!ACCEPTED.test(f.name)) {
      setFile(null);
      setLocalError(`“${f.name}” is not a descriptor: choose a .yaml, .yml or .json file.`);
      return;
    }
    if (f.size > MAX_BYTES) {
      setFile(null);
      setLocalError(`“${f.name}” is ${formatSize(f.size)}; descriptors can be at most 256 KiB.`);
      return;
    }
    setLocalError("");
    setFile(f);
  }

  const templateHref = `data:application/yaml;charset=utf-8,${encodeURIComponent(template)}`;

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <section className="min-w-0 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-[0_1px_2px_rgba(15,23,42,0.04)] lg:col-span-3">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Upload a descriptor</h2>
          <p className="mt-0.5 text-sm text-slate-500">Keep the product’s descriptor in git next to its code and register it from the file. Nothing is created unless the whole file is valid.</p>
        </div>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files[0]);
          }}
          className={`flex flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50/60"}`}
          data-testid="descriptor-dropzone"
        >
          <svg aria-hidden viewBox="0 0 24 24" className="h-8 w-8 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
          </svg>
          <p className="mt-2 text-sm text-slate-600">
            Drop a <code className="rounded bg-white px-1 text-xs ring-1 ring-slate-200">.yaml</code>, <code className="rounded bg-white px-1 text-xs ring-1 ring-slate-200">.yml</code> or <code className="rounded bg-white px-1 text-xs ring-1 ring-slate-200">.json</code> file here, or
          </p>
          <label htmlFor="descriptor-file" className="mt-2 cursor-pointer text-sm font-medium text-brand-600 hover:underline">
            choose a descriptor file
          </label>
          <input
            ref={inputRef}
            id="descriptor-file"
            type="file"
            accept=".yaml,.yml,.json,application/yaml,application/json"
            aria-label="Descriptor file"
            className="sr-only"
            onChange={(e) => choose(e.target.files?.[0])}
          />
          <p className="mt-1 text-xs text-slate-500">At most 256 KiB.</p>
        </div>

        {localError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="descriptor-file-error">
            {localError}
          </p>
        )}

        {file && (
          <div className="flex items-center justify-between gap-3 rounded-md border border-slate-200 px-3 py-2" data-testid="descriptor-selected">
            <span className="min-w-0 truncate text-sm">
              <span className="font-medium text-slate-900">{file.name}</span> <span className="text-slate-500">· {formatSize(file.size)}</span>
            </span>
            <button
              type="button"
              className="text-xs font-medium text-slate-500 hover:text-slate-800"
              onClick={() => {
                setFile(null);
                setFailure(null);
                if (inputRef.current) inputRef.current.value = "";
              }}
            >
              Clear
            </button>
          </div>
        )}

        {failure && (
          <ErrorSummary
            testId="descriptor-errors"
            focusKey={refusals}
            intro="The descriptor was refused; nothing was created."
            problems={failure.details.length ? failure.details.map((d) => ({ label: "", where: d.path, message: d.message })) : [{ label: "", message: failure.message }]}
          />
        )}

        <div className="flex justify-end">
          <button type="button" disabled={!file || upload.isPending || upload.isSuccess} onClick={() => file && upload.mutate(file)} className={primaryButton}>
            {upload.isPending ? "Registering…" : "Register from file"}
          </button>
        </div>
      </section>

      <aside className="min-w-0 rounded-xl border border-slate-200 bg-white p-6 shadow-[0_1px_2px_rgba(15,23,42,0.04)] lg:col-span-2">
        <div className="flex items-center justify-between gap-3">
          <h2 className="text-base font-semibold text-slate-900">Example descriptor</h2>
          <a href={templateHref} download="data-product.yaml" className={secondaryButton} data-testid="download-template">
            Download template
          </a>
        </div>
        <pre className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">
          <code>{template}</code>
        </pre>
      </aside>
    </div>
  );
}
