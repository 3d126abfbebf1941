import YAML from "yaml";
import { MeshworkError, validationFailed, type ErrorDetail } from "@/lib/errors";
import { yamlValue, zodDetails } from "@/lib/validation";
import { ProductDescriptor, type ProductDescriptorInput } from "./product-input";

export const MAX_DESCRIPTOR_BYTES = 256 * 1024;

/** Parses an uploaded descriptor (YAML or JSON, YAML being a superset) and lists every error with its path. */
export function parseProductDescriptor(text: string): ProductDescriptorInput {
  if (Buffer.byteLength(text, "utf8") > MAX_DESCRIPTOR_BYTES) {
    throw new MeshworkError("payload_too_large", `The descriptor is larger than ${MAX_DESCRIPTOR_BYTES / 1024} KiB.`);
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const details: ErrorDetail[] = doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? "?"}`, message: e.message.split("\n")[0] }));
    throw validationFailed("The descriptor is not valid YAML or JSON.", details);
  }
  const plain = yamlValue(doc);
  if (!plain.ok) throw validationFailed(`The descriptor has ${plain.message}.`, [{ path: "(root)", message: plain.message }]);
  const value = plain.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw validationFailed("The descriptor must be a mapping with domain, team, name and ports.", [{ path: "(root)", message: "expected an object" }]);
  }
  const result = ProductDescriptor.safeParse(value);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw validationFailed(`The descriptor has ${details.length} error${details.length === 1 ? "" : "s"}.`, details);
  }
  return result.data;
}
