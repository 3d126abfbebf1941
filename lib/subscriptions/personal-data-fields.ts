/**
 * Where an ODCS contract marks personal data: a schema object or property whose `classification` or one of whose
 * `tags` is one of PERSONAL_DATA_MARKS (compared case-insensitively). Returns the marked fields' paths
 * (`orders.customer.email`), in document order.
 */
export const PERSONAL_DATA_MARKS = ["pii", "personal", "personal-data", "personal_data", "personal data", "gdpr"] as const;

type Node = { name?: unknown; classification?: unknown; tags?: unknown; properties?: unknown; items?: unknown };

const isMarked = (node: Node) =>
  [node.classification, ...(Array.isArray(node.tags) ? node.tags : [])].some((mark) => typeof mark === "string" && (PERSONAL_DATA_MARKS as readonly string[]).includes(mark.trim().toLowerCase()));

const asNodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter((item): item is Node => item !== null && typeof item === "object") : []);

export function personalDataFields(document: unknown): string[] {
  const found: string[] = [];
  // Iterative, so a deeply nested contract cannot overflow the stack.
  const stack: { node: Node; path: string }[] = asNodes((document as { schema?: unknown } | null)?.schema)
    .map((node) => ({ node, path: String(node.name ?? "(unnamed)") }))
    .reverse();
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isMarked(node)) found.push(path);
    const children = asNodes(node.properties).map((child) => ({ node: child, path: `${path}.${String(child.name ?? "(unnamed)")}` }));
    if (node.items && typeof node.items === "object") children.push({ node: node.items as Node, path: `${path}[]` });
    stack.push(...children.reverse());
  }
  return found;
}
