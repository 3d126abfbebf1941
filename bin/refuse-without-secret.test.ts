import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Runs a Meshwork entry point outside demo mode with no secret; resolves with its exit code and output. */
function runWithoutSecret(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, MESHWORK_DEMO: "off", ...extraEnv };
  delete env.NEXTAUTH_SECRET;
  delete env.AUTH_SECRET;
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after 20 s (it should have refused to start):\n${output}`));
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("outside demo mode, without NEXTAUTH_SECRET", () => {
  it("the schema registry listener refuses to start, with one line naming the variable", async () => {
    const { code, output } = await runWithoutSecret(["tsx", "bin/registry-server.ts"], { REGISTRY_PORT: String(20_000 + Math.floor(Math.random() * 20_000)) });
    expect(code).not.toBe(0);
    const lines = output.trim().split("\n");
    expect(lines.filter((l) => l.includes("NEXTAUTH_SECRET"))).toHaveLength(1);
    expect(output).not.toMatch(/Schema registry API: http/);
  });
});
