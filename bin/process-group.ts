// Stopping a child started with `detached: true` (its own process group): npx and tsx start the real server as
// a grandchild, so waiting for the direct child's exit is not enough.
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Live (non-zombie) members of a process group; on systems without /proc, whether the group answers a signal. */
function groupAlive(pgid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    return readdirSync("/proc").some((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        // pid (comm) state ppid pgrp ...; comm may hold spaces, so read after its closing parenthesis.
        const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
        return Number(fields[2]) === pgid && fields[0] !== "Z";
      } catch {
        return false;
      }
    });
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM to the whole group, then waits until every process in it has exited (SIGKILL after `graceMs`). */
export async function stopProcessGroup(pgid: number, graceMs = 5_000): Promise<void> {
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        return;
      }
      if (Date.now() > deadline + 1_000) return;
    }
    await sleep(50);
  }
}
