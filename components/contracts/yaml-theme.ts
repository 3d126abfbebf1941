import type { Extension } from "@codemirror/state";
import { EditorView, ViewPlugin } from "@codemirror/view";
import { useMemo } from "react";
import { useCspNonce } from "@/components/csp-nonce";

/**
 * The editor look shared by the read-only YAML view and the contract editor. It stays light in the dark theme too
 * (syntax colours are made for a light page), with line numbers at AA contrast.
 */
const look = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "#fff", color: "#0f172a" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, 'DejaVu Sans Mono', monospace", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0", color: "#56627a" },
  ".cm-activeLineGutter": { backgroundColor: "#eef2ff" },
  ".cm-activeLine": { backgroundColor: "#f8fafc" },
  ".cm-tooltip-lint": { fontSize: "12px" },
});

/** The scrolling frame can take keyboard focus, so people who cannot use a mouse can scroll a long contract. */
const focusableScroller = ViewPlugin.define((view) => {
  view.scrollDOM.tabIndex = 0;
  return {};
});

export function yamlTheme(label: string): Extension[] {
  return [look, focusableScroller, EditorView.contentAttributes.of({ "aria-label": label })];
}

/** The given extensions plus this page's CSP nonce, which CodeMirror puts on the <style> element it creates. */
export function useWithCspNonce(extensions: Extension[]): Extension[] {
  const nonce = useCspNonce();
  return useMemo(() => [...extensions, EditorView.cspNonce.of(nonce)], [extensions, nonce]);
}
