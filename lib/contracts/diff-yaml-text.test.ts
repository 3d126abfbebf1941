import { describe, expect, it } from "vitest";
import { diffYamlText } from "./diff-yaml-text";

const lines = (n: number, change?: { at: number; text: string }) =>
  Array.from({ length: n }, (_, i) => (change && i + 1 === change.at ? change.text : `line${i + 1}: ${i + 1}`)).join("\n") + "\n";

describe("the YAML text diff of two contract versions", () => {
  it("is empty for the same text", () => {
    expect(diffYamlText(lines(5), lines(5))).toEqual([]);
  });

  it("marks a changed line as removed and added, with three lines of context numbered on both sides", () => {
    const [hunk, ...rest] = diffYamlText(lines(20), lines(20, { at: 10, text: "line10: ten" }));
    expect(rest).toEqual([]);
    expect(hunk.lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine])).toEqual([
      ["same", "line7: 7", 7, 7],
      ["same", "line8: 8", 8, 8],
      ["same", "line9: 9", 9, 9],
      ["removed", "line10: 10", 10, null],
      ["added", "line10: ten", null, 10],
      ["same", "line11: 11", 11, 11],
      ["same", "line12: 12", 12, 12],
      ["same", "line13: 13", 13, 13],
    ]);
  });

  it("numbers the lines after an insertion by the new document", () => {
    const from = "a: 1\nb: 2\n";
    const to = "a: 1\nx: 9\nb: 2\n";
    const [hunk] = diffYamlText(from, to);
    expect(hunk.lines).toEqual([
      { kind: "same", text: "a: 1", oldLine: 1, newLine: 1 },
      { kind: "added", text: "x: 9", oldLine: null, newLine: 2 },
      { kind: "same", text: "b: 2", oldLine: 2, newLine: 3 },
    ]);
  });

  it("does not show a missing final newline as a line of its own", () => {
    const [hunk] = diffYamlText("a: 1", "a: 2");
    expect(hunk.lines.map((l) => `${l.kind} ${l.text}`)).toEqual(["removed a: 1", "added a: 2"]);
  });

  it("keeps far-apart changes in separate hunks", () => {
    const from = lines(40);
    const to = lines(40).replace("line5: 5", "line5: five").replace("line35: 35", "line35: thirty-five");
    expect(diffYamlText(from, to).map((h) => h.oldStart)).toEqual([2, 32]);
  });
});
