import ElkConstructor, { type ELK, type ElkNode } from "elkjs/lib/elk-api.js";
import { positionsOf, type Positions } from "./layout-plan";

let elk: ELK | undefined;

// One worker for the page, created on first use: elk's layered layout of a large graph takes long enough to freeze the page.
function layoutEngine(): ELK {
  elk ??= new ElkConstructor({ workerFactory: () => new Worker(new URL("./elk-worker.ts", import.meta.url), { name: "elk-layout" }) });
  return elk;
}

/** A layout plan's elk input (layout-plan.ts) laid out in the web worker. */
export async function layoutInWorker(graph: ElkNode): Promise<Positions> {
  return positionsOf(await layoutEngine().layout(graph));
}
