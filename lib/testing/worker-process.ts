import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type WorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Polls `read` until it gives a truthy value (or rejects), failing after `timeoutMs`. */
export async function until<T>(read: () => Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The real `workers/main.ts` as child processes of a test, each in a process group of its own (`node --import tsx`,
 * not `npx tsx`, so the process that receives signals is the worker itself; `viaNpx` for the test of that wrapper).
 * `defaults` is the environment every start gets on top of this one (undefined removes a variable); `killAll`
 * SIGKILLs every group started, for afterAll.
 */
export function workerProcesses(defaults: Record<string, string | undefined>) {
  const started: ChildProcess[] = [];
  async function start(env: Record<string, string | undefined> = {}, { waitForReady = true, viaNpx = false } = {}): Promise<WorkerProcess> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, MESHWORK_DEMO: "on", ...defaults, ...env };
    for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
    const [command, args] = viaNpx ? ["npx", ["tsx", "workers/main.ts"]] : [process.execPath, ["--import", "tsx", "workers/main.ts"]];
    const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
    started.push(child);
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    if (waitForReady) await until(async () => output.includes("[workers] ready") || (child.exitCode !== null && Promise.reject(new Error(`the worker exited:\n${output}`))), 60_000);
    return { child, output: () => output, exited };
  }
  function killAll() {
    for (const child of started) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // That process group is gone already.
      }
    }
  }
  return { start, killAll };
}
