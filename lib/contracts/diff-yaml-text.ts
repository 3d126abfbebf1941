import { structuredPatch } from "diff";

export type YamlDiffLine = { kind: "added" | "removed" | "same"; text: string; oldLine: number | null; newLine: number | null };
export type YamlDiffHunk = { oldStart: number; newStart: number; lines: YamlDiffLine[] };

/** The line-level text diff of two contract YAML documents, as hunks with three lines of context, numbered on both sides. */
export function diffYamlText(fromYaml: string, toYaml: string): YamlDiffHunk[] {
  const patch = structuredPatch("from", "to", fromYaml, toYaml, "", "", { context: 3 });
  return patch.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines: YamlDiffLine[] = [];
    for (const raw of hunk.lines) {
      // "\ No newline at end of file" marks the line before it; it is not a line of either document.
      if (raw.startsWith("\\")) continue;
      const text = raw.slice(1);
      if (raw[0] === "+") lines.push({ kind: "added", text, oldLine: null, newLine: newLine++ });
      else if (raw[0] === "-") lines.push({ kind: "removed", text, oldLine: oldLine++, newLine: null });
      else lines.push({ kind: "same", text, oldLine: oldLine++, newLine: newLine++ });
    }
    return { oldStart: hunk.oldStart, newStart: hunk.newStart, lines };
  });
}
