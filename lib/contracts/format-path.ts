export type PathSegment = string | number;

/** Writes `["schema", 0, "properties", 3, "logicalType"]` as `schema[0].properties[3].logicalType`. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === "number") return `${path}[${segment}]`;
    const name = /^[A-Za-z_$][\w$-]*$/.test(segment) ? segment : JSON.stringify(segment);
    return path === "" ? name : `${path}.${name}`;
  }, "");
}
