import { z } from "zod";
import { displayName } from "@/lib/validation";
import { MAX_TAGS, SLUG_MAX_LENGTH, SLUG_MESSAGE, SLUG_MIN_LENGTH, SLUG_PATTERN, TABLE_MESSAGE, TABLE_PATTERN, TAG_MAX_LENGTH, TAG_MESSAGE, TAG_PATTERN, TOPIC_MESSAGE, TOPIC_PATTERN } from "./descriptor-rules";

export const slug = z
  .string()
  .min(SLUG_MIN_LENGTH, `must be at least ${SLUG_MIN_LENGTH} characters`)
  .max(SLUG_MAX_LENGTH)
  .regex(SLUG_PATTERN, SLUG_MESSAGE);

const tag = z.string().trim().toLowerCase().min(1).max(TAG_MAX_LENGTH).regex(TAG_PATTERN, TAG_MESSAGE);

const TopicPort = z.object({
  name: slug,
  type: z.literal("kafka_topic"),
  description: z.string().max(2000).default(""),
  topic: z.string().min(1).max(249).regex(TOPIC_PATTERN, TOPIC_MESSAGE),
});

const TablePort = z.object({
  name: slug,
  type: z.literal("table"),
  description: z.string().max(2000).default(""),
  table: z.string().min(1).max(200).regex(TABLE_PATTERN, TABLE_MESSAGE),
  materializedFrom: slug.optional().describe("name of the kafka_topic output port this table is materialized from"),
});

export const OutputPortInput = z.discriminatedUnion("type", [TopicPort, TablePort]);

const fieldName = z.string().trim().min(1, "name a contract field").max(300).regex(/^[^\u0000-\u001f]+$/, "a field name has no control characters");

/** `{ <output field>: [<input field>, ...] }`, e.g. `{ total: [amount, tax] }`. */
export const FieldMapping = z
  .record(fieldName, z.array(fieldName).min(1, "list the input fields it is computed from").max(50))
  .refine((m) => Object.keys(m).length <= 500, "map at most 500 output fields")
  .describe("output field of this product's output contract → the input fields (of the contract of the port read) it is computed from");

export const InputPortInput = z.object({
  name: slug,
  description: z.string().max(2000).default(""),
  from: z.object({
    product: z.string().regex(/^urn:meshwork:[a-z0-9-]+:[a-z0-9-]+$/, "expected urn:meshwork:<domain>:<product>"),
    port: slug,
  }),
  /** Field-level lineage: each field of this product's output contract computed from fields of the port it reads. */
  fields: FieldMapping.optional(),
});

const productFields = {
  name: displayName(2, 120),
  description: z.string().max(5000).default(""),
  tags: z.array(tag).max(MAX_TAGS).default([]),
  classification: z.enum(["public", "internal", "confidential", "restricted"]).default("internal"),
  containsPersonalData: z.boolean().default(false),
  outputPorts: z.array(OutputPortInput).max(20).default([]),
  inputPorts: z.array(InputPortInput).max(50).default([]),
};

/** The product descriptor: the API's create body and the YAML/JSON file teams keep in git. Unknown fields (status, urn, owner...) are refused, as on PATCH. */
export const ProductDescriptor = z
  .object({
    apiVersion: z.literal("meshwork/v1").optional(),
    kind: z.literal("DataProduct").optional(),
    slug: slug.optional(),
    domain: slug,
    team: slug,
    ...productFields,
  })
  .strict();

export const ProductUpdate = z
  .object({
    name: productFields.name,
    description: z.string().max(5000),
    // No defaults here: a PATCH that leaves a field out must leave it unchanged.
    tags: z.array(tag).max(MAX_TAGS),
    classification: z.enum(["public", "internal", "confidential", "restricted"]),
    containsPersonalData: z.boolean(),
    outputPorts: z.array(OutputPortInput).max(20),
    inputPorts: z.array(InputPortInput).max(50),
  })
  .partial()
  .strict();

export const StatusChange = z.discriminatedUnion("status", [
  z.object({ status: z.literal("published") }),
  z.object({ status: z.literal("retired") }),
  z.object({
    status: z.literal("deprecated"),
    reason: z.string().trim().min(5, "say why the product is deprecated").max(2000),
    sunsetDate: z.coerce.date(),
  }),
]);

export type ProductDescriptorInput = z.infer<typeof ProductDescriptor>;
export type ProductUpdateInput = z.infer<typeof ProductUpdate>;
export type OutputPort = z.infer<typeof OutputPortInput>;
export type InputPort = z.infer<typeof InputPortInput>;

export { slugify } from "./slugify";

export const productUrn = (domainSlug: string, productSlug: string) => `urn:meshwork:${domainSlug}:${productSlug}`;
