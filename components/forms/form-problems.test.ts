import { describe, expect, it } from "vitest";
import { email, fieldTargets, length, mergeProblems, problemsFromApiError, problemsHeading, problemText, wholeNumber } from "./form-problems";

describe("form problems", () => {
  it("heads the summary with how many problems there are", () => {
    expect(problemsHeading(1)).toBe("There is 1 problem");
    expect(problemsHeading(3)).toBe("There are 3 problems");
  });

  it("reads a problem as a sentence when the message goes on from the label", () => {
    expect(problemText({ id: "n", label: "Name", message: "is required" })).toBe("Name is required");
    expect(problemText({ id: "n", label: "Name", message: "must be at least 2 characters" })).toBe("Name must be at least 2 characters");
    expect(problemText({ id: "t", label: "Tags", message: "a tag uses lowercase letters" })).toBe("Tags: a tag uses lowercase letters");
    expect(problemText({ label: "", message: "A team with this slug exists." })).toBe("A team with this slug exists.");
  });

  it("puts each API detail at its field, several details of one field together, and the rest on the form", () => {
    const target = (path: string) => (path.startsWith("tags") ? { id: "product-tags", label: "Tags" } : path === "name" ? { id: "product-name", label: "Name" } : undefined);
    const problems = problemsFromApiError(
      {
        message: "Product is invalid",
        details: [
          { path: "tags[0]", message: "too long" },
          { path: "tags[3]", message: "bad characters" },
          { path: "name", message: "must not be empty" },
          { path: "owner", message: "is not a known field" },
        ],
      },
      target,
    );
    expect(problems).toEqual([
      { id: "product-tags", label: "Tags", message: "too long; bad characters" },
      { id: "product-name", label: "Name", message: "must not be empty" },
      { label: "", message: "is not a known field" },
    ]);
    // No path of the API ("tags[0]") reaches the user.
    expect(problems.map(problemText).join(" ")).not.toMatch(/\[\d\]/);
  });

  it("maps API paths to controls by name only, an unknown path (even one Object has) to the form", () => {
    const target = fieldTargets({ name: { id: "token-name", label: "Token name" } });
    expect(target("name")).toEqual({ id: "token-name", label: "Token name" });
    expect(target("expiresInDays")).toBeUndefined();
    expect(target("toString")).toBeUndefined();
  });

  it("shows the error's message when no detail names a field", () => {
    expect(problemsFromApiError({ message: "You are not an owner of this team.", details: [] }, () => undefined)).toEqual([{ label: "", message: "You are not an owner of this team." }]);
  });

  it("keeps the browser's problem of a field over the server's, and the server's for other fields", () => {
    const merged = mergeProblems([{ id: "a", label: "A", message: "is required" }], [
      { id: "a", label: "A", message: "old" },
      { id: "b", label: "B", message: "taken" },
      { label: "", message: "refused" },
    ]);
    expect(merged.map((p) => p.message)).toEqual(["is required", "taken", "refused"]);
  });

  it("checks lengths, e-mail addresses and whole numbers in plain words", () => {
    expect(length("  ", 2, 80)).toBe("is required");
    expect(length("a", 2, 80)).toBe("must be at least 2 characters");
    expect(length("x".repeat(81), 2, 80)).toBe("must be at most 80 characters");
    expect(length("ok", 2, 80)).toBeUndefined();
    expect(email("person@company.com")).toBeUndefined();
    expect(email("person")).toMatch(/^must be an e-mail address/);
    expect(wholeNumber("30", 1, 365)).toBeUndefined();
    expect(wholeNumber("0", 1, 365)).toBe("must be at least 1");
    expect(wholeNumber("400", 1, 365)).toBe("must be at most 365");
    expect(wholeNumber("1.5", 1, 365)).toBe("must be a whole number of days");
  });
});
