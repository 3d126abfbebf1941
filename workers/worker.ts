/** What workers/main.ts needs of each worker: a name to be chosen by (MESHWORK_WORKERS) and a way to start it. */
export type MeshworkWorker = {
  name: string;
  start: (context: { databaseUrl: string; log: (line: string) => void }) => Promise<RunningWorker>;
};

export type RunningWorker = {
  /** Stops taking work, finishes (or abandons) what it holds, closes what it opened; safe to call twice. */
  stop: () => Promise<void>;
  /** Settles when the worker stops; rejects when it stopped on its own because something failed. */
  done: Promise<void>;
};
