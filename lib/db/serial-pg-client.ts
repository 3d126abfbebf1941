import pg from "pg";

/**
 * A pg client that runs its promise-style queries one after another. Prisma loads an include's relations in
 * parallel, which inside an interactive transaction sends them to one connection at once: pg deprecates that
 * (pg 9 refuses it) and Prisma has not fixed it yet (prisma/orm#29979).
 */
export class SerialPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    let tail: Promise<unknown> = Promise.resolve();
    this.query = ((...args: unknown[]) => {
      // Callback and submittable (stream, cursor) forms are pg's own flow control; pass them through.
      if (typeof args.at(-1) === "function" || typeof (args[0] as { submit?: unknown } | null)?.submit === "function") return query(...args);
      const result = tail.then(() => query(...args));
      tail = result.catch(() => undefined);
      return result;
    }) as typeof this.query;
  }
}
