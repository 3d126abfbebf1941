import { isMap, LineCounter, parseDocument, type Document } from "yaml";
import { NUL_MESSAGE, nulByteSegments, yamlValue } from "@/lib/validation";
import { checkContractRules } from "./check-contract-rules";
import type { ContractIssue } from "./contract-issue";
import type { ContractError, OdcsContract } from "./contract-types";
import { exportContract } from "./export-contract";
import { formatPath } from "./format-path";
import { locateNode } from "./locate-node";
import { validateOdcsSchema } from "./validate-odcs-schema";

export type ParseContractResult = { ok: true; contract: OdcsContract; yaml: string } | { ok: false; errors: ContractError[] };

/**
 * Reads an ODCS v3.1 contract from YAML or JSON text and validates it: YAML syntax, the ODCS
 * JSON Schema, then Meshwork's own rules. Every error carries its path and source position.
 * `yaml` is the document as YAML: the text itself when it was YAML (comments kept), else its export.
 */
export function parseContract(text: string, format: "yaml" | "json" = "yaml"): ParseContractResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
        return { path: "", message: `${format === "json" ? "JSON" : "YAML"} syntax error: ${error.message}`, line: position.line, column: position.col };
      }),
    };
  }
  if (!isMap(document.contents)) {
    const position = lineCounter.linePos(document.contents?.range?.[0] ?? 0);
    return { ok: false, errors: [{ path: "", message: "a contract must be a mapping of fields (apiVersion, kind, id, ...)", line: position.line, column: position.col }] };
  }
  const plain = yamlValue(document);
  if (!plain.ok) return { ok: false, errors: [{ path: "", message: plain.message, line: 1, column: 1 }] };
  const contract: unknown = plain.value;
  const nulBytes = nulByteSegments(contract).map((segments): ContractIssue => ({ segments, message: NUL_MESSAGE }));
  if (nulBytes.length > 0) return { ok: false, errors: sortByPosition(nulBytes.map((issue) => placeIssue(issue, document, lineCounter))) };
  const issues = [...validateOdcsSchema(contract), ...checkContractRules(contract)];
  if (issues.length > 0) return { ok: false, errors: sortByPosition(issues.map((issue) => placeIssue(issue, document, lineCounter))) };
  const valid = contract as OdcsContract;
  return { ok: true, contract: valid, yaml: format === "yaml" ? text : exportContract(valid) };
}

function placeIssue(issue: ContractIssue, document: Document, lineCounter: LineCounter): ContractError {
  const { line, column } = locateNode(document, lineCounter, issue.segments, issue.at);
  return { path: formatPath(issue.segments), message: issue.message, line, column };
}

function sortByPosition(errors: ContractError[]): ContractError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
