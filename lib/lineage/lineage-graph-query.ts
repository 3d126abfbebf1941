import { z } from "zod";
import { EDGE_KINDS, MAX_DEPTH, type EdgeKind } from "./edge-kinds";

const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const hops = z.preprocess((v) => blankToUndefined(single(v)), z.coerce.number().int().min(0).max(MAX_DEPTH, `at most ${MAX_DEPTH} hops`).optional());

/** A page of the focus's neighbours in one direction continues after the neighbour this opaque cursor names. */
const Cursor = z.object({ d: z.enum(["upstream", "downstream"]), a: z.uuid() });
export type LineageCursor = z.infer<typeof Cursor>;

export const encodeCursor = (cursor: LineageCursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(value: string, ctx: z.RefinementCtx): LineageCursor | typeof z.NEVER {
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: not base64url JSON
  }
  ctx.addIssue({ code: "custom", message: "is not a cursor this API returned" });
  return z.NEVER;
}

/** GET /api/v1/lineage: the neighbourhood of one product, `up` hops upstream and `down` hops downstream. */
export const LineageGraphQuery = z
  .object({
    focus: z.preprocess(single, z.string({ error: "is required: the product's URN or id" }).trim().min(1, "is required: the product's URN or id").max(400)),
    depth: hops,
    up: hops,
    down: hops,
    kinds: z.preprocess(
      (v) => (v === undefined || v === null ? undefined : [v].flat().flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter(Boolean)),
      z.array(z.enum(EDGE_KINDS)).max(EDGE_KINDS.length * 2).optional(),
    ),
    /** Neighbours followed per node and direction; the rest are counted as hidden, and a cursor pages on from the focus. */
    limit: z.preprocess((v) => blankToUndefined(single(v)), z.coerce.number().int().min(1).max(500).default(50)),
    /** The traversal stops adding levels once the graph holds this many products. */
    maxNodes: z.preprocess((v) => blankToUndefined(single(v)), z.coerce.number().int().min(1).max(5000).default(1500)),
    cursor: z.preprocess((v) => blankToUndefined(single(v)), z.string().max(200).transform(decodeCursor).optional()),
  })
  .transform(({ depth, up, down, kinds, ...rest }) => ({
    ...rest,
    up: up ?? depth ?? 1,
    down: down ?? depth ?? 1,
    kinds: new Set<EdgeKind>(kinds?.length ? kinds : EDGE_KINDS),
  }))
  .transform((q) => (q.cursor ? { ...q, up: q.cursor.d === "upstream" ? 1 : 0, down: q.cursor.d === "downstream" ? 1 : 0 } : q));

export type LineageGraphQueryInput = z.input<typeof LineageGraphQuery>;
export type LineageGraphQuery = z.infer<typeof LineageGraphQuery>;
