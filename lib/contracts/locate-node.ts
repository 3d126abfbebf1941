import { isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";
import type { PathSegment } from "./format-path";

/**
 * Finds where `segments` sit in a parsed YAML document. A path that does not exist (a missing
 * required field) resolves to the nearest ancestor that does.
 */
export function locateNode(document: Document, lineCounter: LineCounter, segments: readonly PathSegment[], at: "key" | "value" = "value"): { line: number; column: number } {
  let node: unknown = document.contents;
  let offset = (document.contents?.range?.[0] as number | undefined) ?? 0;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      const key = isScalar(pair.key) ? pair.key : undefined;
      const value = pair.value as { range?: [number, number, number] } | null;
      const valueIsEmpty = !value || (isScalar(value) && value.value === null);
      if (last && (at === "key" || valueIsEmpty) && key?.range) {
        offset = key.range[0];
        break;
      }
      if (!value?.range) break;
      node = value;
      offset = value.range[0];
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as { range?: [number, number, number] } | undefined;
      if (!item?.range) break;
      node = item;
      offset = item.range[0];
    } else break;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
