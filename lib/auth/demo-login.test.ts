import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env reads the environment once, at import: each case loads the modules afresh under its own environment.
async function providerIds(environment: Record<string, string>) {
  for (const [key, value] of Object.entries(environment)) vi.stubEnv(key, value);
  const { authOptions } = await import("./auth-options");
  return authOptions.providers.map((p) => p.id);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("password sign-in of the demo accounts", () => {
  it("exists in demo mode", async () => {
    expect(await providerIds({ MESHWORK_DEMO: "on", MESHWORK_DEMO_LOGIN: "on" })).toContain("credentials");
  });

  it("is gone with MESHWORK_DEMO_LOGIN=off, not only its buttons", async () => {
    expect(await providerIds({ MESHWORK_DEMO: "on", MESHWORK_DEMO_LOGIN: "off" })).not.toContain("credentials");
  });

  it("is gone outside demo mode", async () => {
    expect(await providerIds({ MESHWORK_DEMO: "off", NEXTAUTH_SECRET: "a-real-secret-of-enough-length-0123456789" })).not.toContain("credentials");
  });
});

describe("the first admin outside demo mode", () => {
  it("is whoever MESHWORK_ADMIN_EMAILS names, on a verified address", async () => {
    vi.stubEnv("MESHWORK_ADMIN_EMAILS", " Root@Example.com, ops@example.com ,");
    const { initialRoleFor } = await import("./initial-role");
    expect(initialRoleFor({ email: "root@example.com", emailVerified: true })).toBe("admin");
    expect(initialRoleFor({ email: "OPS@example.com", emailVerified: true })).toBe("admin");
    expect(initialRoleFor({ email: "root@example.com", emailVerified: false })).toBe("user");
    expect(initialRoleFor({ email: "someone@example.com", emailVerified: true })).toBe("user");
  });

  it("is nobody when MESHWORK_ADMIN_EMAILS is not set", async () => {
    const { initialRoleFor } = await import("./initial-role");
    expect(initialRoleFor({ email: "root@example.com", emailVerified: true })).toBe("user");
  });
});
