const INTEGER_RANKS: Record<string, number> = { tinyint: 1, byte: 1, int1: 1, smallint: 2, short: 2, int2: 2, int: 3, integer: 3, int4: 3, int32: 3, bigint: 4, long: 4, int8: 4, int64: 4 };
const FLOAT_RANKS: Record<string, number> = { float: 1, real: 1, float4: 1, float32: 1, double: 2, "double precision": 2, float8: 2, float64: 2 };
const UNBOUNDED_TEXT = new Set(["text", "string", "clob"]);
const BOUNDED_TEXT = new Set(["varchar", "character varying", "nvarchar", "char", "character", "string"]);

/** True when `after` holds every value `before` can: a longer varchar, a wider decimal, int → bigint, float → double. */
export function isPhysicalWidening(before: string, after: string): boolean {
  const a = parsePhysical(before);
  const b = parsePhysical(after);
  if (a.base === b.base && a.args.length === b.args.length && a.args.length > 0) {
    if (a.args.length === 1) return b.args[0] >= a.args[0];
    const [ap, as] = a.args;
    const [bp, bs] = b.args;
    return bs >= as && bp - bs >= ap - as;
  }
  if (a.base in INTEGER_RANKS && b.base in INTEGER_RANKS) return INTEGER_RANKS[b.base] > INTEGER_RANKS[a.base];
  if (a.base in FLOAT_RANKS && b.base in FLOAT_RANKS) return FLOAT_RANKS[b.base] > FLOAT_RANKS[a.base];
  return BOUNDED_TEXT.has(a.base) && UNBOUNDED_TEXT.has(b.base) && b.args.length === 0;
}

function parsePhysical(type: string): { base: string; args: number[] } {
  const match = /^\s*([a-z][a-z0-9 ]*?)\s*(?:\(([^)]*)\))?\s*$/i.exec(type);
  if (!match) return { base: type.trim().toLowerCase(), args: [] };
  const args = (match[2] ?? "").split(",").map((s) => s.trim()).filter(Boolean).map(Number);
  return { base: match[1].toLowerCase(), args: args.every(Number.isFinite) ? args : [] };
}
