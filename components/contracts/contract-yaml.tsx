"use client";

import CodeMirror from "@uiw/react-codemirror";
import { yaml as yamlLanguage } from "@codemirror/lang-yaml";
import { CopyButton } from "@/components/ui/copy-button";
import { useWithCspNonce, yamlTheme } from "./yaml-theme";

const extensions = [yamlLanguage(), ...yamlTheme("Contract YAML, read only")];

/** The raw ODCS YAML of one version, read-only, with copy and download. */
export function ContractYaml({ yaml, version, downloadUrl }: { yaml: string; version: string; downloadUrl: string }) {
  const withNonce = useWithCspNonce(extensions);
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-[0_1px_2px_rgba(15,23,42,0.04)]" data-testid="contract-yaml">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <p className="text-sm text-slate-600">
          ODCS v3 · version <span className="font-medium text-slate-900">{version}</span> · {yaml.split("\n").length} lines
        </p>
        <div className="flex items-center gap-2">
          <CopyButton value={yaml} label="Copy YAML" />
          <a
            href={downloadUrl}
            download
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          >
            <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
              <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" />
            </svg>
            Download
          </a>
        </div>
      </div>
      <CodeMirror value={yaml} editable={false} readOnly extensions={withNonce} basicSetup={{ foldGutter: true, highlightActiveLine: false, highlightActiveLineGutter: false }} maxHeight="70vh" />
    </div>
  );
}
