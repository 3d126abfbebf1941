import { db } from "@/lib/db";
import { sealAuditEvents } from "@/lib/audit/seal-audit-events";
import type { MeshworkWorker } from "./worker";

// How often the sealer looks for committed, unsealed audit events: the longest an event stays out of the chain.
const POLL_MS = 500;

/** Chains committed audit events into the tamper-evident log shortly after they commit (lib/audit/seal-audit-events.ts). */
export const auditSealerWorker: MeshworkWorker = {
  name: "audit-sealer",
  start: async ({ log }) => {
    await db.$queryRaw`SELECT 1`;
    let stopping = false;
    let wake: () => void = () => {};
    let failures = 0;
    const loop = (async () => {
      while (!stopping) {
        try {
          const result = await sealAuditEvents();
          if (result.sealed > 0) log(`audit-sealer: sealed ${result.sealed} event(s), chain at #${result.lastSeq}`);
          failures = 0;
        } catch (error) {
          // A lost connection or a restart of the database: say so, back off, go on (nothing is half-sealed: one transaction per batch).
          failures++;
          log(`audit-sealer: sealing failed (${failures} in a row): ${error instanceof Error ? error.message : String(error)}`);
        }
        if (stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS * Math.min(2 ** failures, 20));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        stopping = true;
        wake();
        await loop;
      })();
      return stopped;
    };
    return { stop, done: loop };
  },
};
