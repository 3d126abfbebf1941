import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ElkNode } from "elkjs/lib/elk-api.js";
import { elkOptions } from "@/components/lineage/layout-plan";

// Elk on the server, in a thread of its own: a layout of a thousand nodes takes a third of a second of CPU that must
// not hold up other requests. Elk's code is slow until the JavaScript engine has compiled it (the first layout of a
// big graph takes four times as long), so the thread lays out a graph of that size as soon as it starts.

// The thread lays out one graph at a time, a viewer's before any warm-up graph still waiting.
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ELK = require(workerData.elk);
const elk = new ELK();
const waiting = [];
let busy = false;
async function next() {
  if (busy || waiting.length === 0) return;
  busy = true;
  const at = waiting.findIndex((job) => !job.warmUp);
  const { id, graph } = waiting.splice(at === -1 ? 0 : at, 1)[0];
  try {
    const result = await elk.layout(graph);
    parentPort.postMessage({ id, positions: (result.children || []).map((c) => [c.id, c.x || 0, c.y || 0]) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
  busy = false;
  setImmediate(next);
}
parentPort.on("message", (job) => {
  waiting.push(job);
  next();
});
`;

type Answer = { id: number; positions?: [string, number, number][]; error?: string };

const globalForThread = globalThis as unknown as { meshworkLayoutThread?: { worker: Worker; waiting: Map<number, (answer: Answer) => void>; next: number } };

function thread() {
  if (!globalForThread.meshworkLayoutThread) {
    // Resolved at run time from the project (not by the bundler): elk's Node build, run by the thread as it is.
    const elk = createRequire(path.join(process.cwd(), "package.json")).resolve("elkjs/lib/elk.bundled.js");
    const worker = new Worker(SOURCE, { eval: true, workerData: { elk } });
    const state = { worker, waiting: new Map<number, (answer: Answer) => void>(), next: 1 };
    worker.on("message", (answer: Answer) => {
      state.waiting.get(answer.id)?.(answer);
      state.waiting.delete(answer.id);
    });
    worker.on("error", () => {
      for (const settle of state.waiting.values()) settle({ id: 0, error: "the layout thread stopped" });
      globalForThread.meshworkLayoutThread = undefined;
    });
    worker.unref();
    globalForThread.meshworkLayoutThread = state;
    for (let i = 0; i < 2; i++) void send(warmUpGraph(1_200, true), true);
    void send(warmUpGraph(60, false), true);
  }
  return globalForThread.meshworkLayoutThread;
}

function send(graph: ElkNode, warmUp = false): Promise<Answer> {
  const state = thread();
  const id = state.next++;
  return new Promise((resolve) => {
    state.waiting.set(id, resolve);
    state.worker.postMessage({ id, graph, warmUp });
  });
}

/** Elk's layout of a graph, by node id, or null when it is not done within `timeoutMs` (the browser lays it out then). */
export async function layoutOnServer(graph: ElkNode, timeoutMs: number): Promise<[string, number, number][] | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const answer = await Promise.race([send(graph), late]);
    return answer?.positions ?? null;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the thread and its warm-up layouts, so the first big graph a viewer opens is laid out at full speed. */
export function warmLayoutThread(): void {
  thread();
}

// A tree of `size` products, three children each: the shape and size of the big graphs the thread will lay out.
function warmUpGraph(size: number, large: boolean): ElkNode {
  const children = Array.from({ length: size }, (_, i) => ({ id: `n${i}`, width: 248, height: i % 3 ? 96 : 44 }));
  const edges = children.slice(1).map((n, i) => ({ id: `e${i}`, sources: [`n${Math.floor(i / 3)}`], targets: [n.id] }));
  return { id: "root", layoutOptions: elkOptions(large), children, edges };
}
