import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { OLD_DEMO_SECRET, resolveAuthSecret } from "./auth-secret";

const dataDirs: string[] = [];
const freshDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "meshwork-secret-"));
  dataDirs.push(dir);
  return path.join(dir, ".meshwork");
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the secret that signs session cookies", () => {
  it("outside demo mode, is refused when missing, with one line naming NEXTAUTH_SECRET", () => {
    expect(() => resolveAuthSecret({ demo: false, secret: undefined, dataDir: freshDataDir() })).toThrowError(/^NEXTAUTH_SECRET [^\n]+$/);
  });

  it("outside demo mode, is refused when it is the demo secret that used to be built in", () => {
    expect(() => resolveAuthSecret({ demo: false, secret: OLD_DEMO_SECRET, dataDir: freshDataDir() })).toThrowError(/NEXTAUTH_SECRET/);
  });

  it("in demo mode with none configured, is generated once and kept in the data folder", () => {
    const dataDir = freshDataDir();
    const first = resolveAuthSecret({ demo: true, secret: undefined, dataDir });
    expect(first).not.toBe(OLD_DEMO_SECRET);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret({ demo: true, secret: undefined, dataDir })).toBe(first);
    const file = path.join(dataDir, "nextauth-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(resolveAuthSecret({ demo: true, secret: undefined, dataDir: freshDataDir() })).not.toBe(first);
  });

  it("a configured secret wins, in demo mode too", () => {
    const secret = "a-real-secret-of-enough-length-0123456789";
    expect(resolveAuthSecret({ demo: false, secret, dataDir: freshDataDir() })).toBe(secret);
    expect(resolveAuthSecret({ demo: true, secret, dataDir: freshDataDir() })).toBe(secret);
  });
});

describe("a session cookie signed with the old built-in demo secret", () => {
  it("is refused outside demo mode", async () => {
    vi.stubEnv("MESHWORK_DEMO", "off");
    vi.stubEnv("NEXTAUTH_SECRET", "production-secret-nobody-has-read-0123456789");
    const { authOptions } = await import("./auth-options");
    const forged = await encode({ token: { sub: "00000000-0000-4000-8000-000000000001", name: "Ada Park" }, secret: OLD_DEMO_SECRET });
    await expect(decode({ token: forged, secret: authOptions.secret! })).rejects.toThrow(/decryption/);
  });

  it("is refused outside demo mode even when the server was given the old demo secret: it does not start", async () => {
    vi.stubEnv("MESHWORK_DEMO", "off");
    vi.stubEnv("NEXTAUTH_SECRET", OLD_DEMO_SECRET);
    const { authOptions } = await import("./auth-options");
    expect(() => authOptions.secret).toThrowError(/NEXTAUTH_SECRET/);
  });
});
