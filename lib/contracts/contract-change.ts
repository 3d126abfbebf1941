export type ContractChangeKind =
  | "object-added"
  | "object-removed"
  | "field-added"
  | "field-removed"
  | "field-renamed"
  | "type-changed"
  | "physical-type-changed"
  | "required-changed"
  | "unique-changed"
  | "primary-key-changed"
  | "classification-changed"
  | "description-changed"
  | "quality-added"
  | "quality-removed"
  | "quality-changed"
  | "sla-added"
  | "sla-removed"
  | "sla-changed";

/** One semantic difference between two contract versions; `path` locates it in the newer one (the older one for removals). */
export type ContractChange = {
  kind: ContractChangeKind;
  path: string;
  field?: string;
  before?: unknown;
  after?: unknown;
  breaking: boolean;
  message: string;
};
