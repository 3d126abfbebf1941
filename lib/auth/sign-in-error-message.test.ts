import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-error-message";

describe("the sign-in page explains next-auth's ?error= codes", () => {
  it("tells an unreachable provider from a refusing one from an account that may not sign in", () => {
    expect(signInErrorMessage("OAuthSignin")).toContain("cannot be reached");
    expect(signInErrorMessage("OAuthCallback")).toContain("refused the sign-in");
    expect(signInErrorMessage("Callback")).toContain("refused the sign-in");
    expect(signInErrorMessage("AccessDenied")).toContain("may not sign in");
  });

  it("names why single sign-on was refused", () => {
    expect(signInErrorMessage("AccessDenied", "email_unverified")).toMatch(/may not sign in.*not verified/);
    expect(signInErrorMessage("AccessDenied", "password_account")).toMatch(/may not sign in.*password/);
    expect(signInErrorMessage("AccessDenied", "unverified_account")).toContain("may not sign in");
    expect(signInErrorMessage("AccessDenied", "no_email")).toContain("e-mail address");
    expect(signInErrorMessage("AccessDenied", "toString")).toBe("This account may not sign in to Meshwork.");
  });

  it("falls back to a plain message for codes it does not know", () => {
    expect(signInErrorMessage("<script>")).toBe("Sign-in failed. Try again.");
  });
});
