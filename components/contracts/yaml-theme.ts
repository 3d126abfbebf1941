import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useMemo } from "react";
import { useCspNonce } from "@/components/csp-nonce";

/** The editor look shared by the read-only YAML view and the contract editor. */
export const yamlTheme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, 'DejaVu Sans Mono', monospace", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0", color: "#94a3b8" },
  ".cm-activeLineGutter": { backgroundColor: "#eef2ff" },
  ".cm-activeLine": { backgroundColor: "#f8fafc" },
  ".cm-tooltip-lint": { fontSize: "12px" },
});

/** The given extensions plus this page's CSP nonce, which CodeMirror puts on the <style> element it creates. */
export function useWithCspNonce(extensions: Extension[]): Extension[] {
  const nonce = useCspNonce();
  return useMemo(() => [...extensions, EditorView.cspNonce.of(nonce)], [extensions, nonce]);
}
