import { expect, it } from "vitest";
import { duplicateChains } from "./count-duplicates";

it("chains each set of columns after a set it holds, so one sort counts them all, and starts a chain for the others", () => {
  expect(duplicateChains([["a", "b", "c"], ["a"], ["b"], ["a", "b"], ["c", "a"]])).toEqual([
    { columns: ["a", "b", "c"], sets: [["a"], ["a", "b"], ["a", "b", "c"]] },
    { columns: ["b"], sets: [["b"]] },
    { columns: ["c", "a"], sets: [["c", "a"]] },
  ]);
  expect(duplicateChains([["b", "a"], ["a", "b"]])).toEqual([{ columns: ["b", "a"], sets: [["b", "a"], ["a", "b"]] }]);
  expect(duplicateChains([["a", "a"], ["a", "b", "b"]])).toEqual([{ columns: ["a", "b"], sets: [["a", "a"], ["a", "b", "b"]] }]);
});
