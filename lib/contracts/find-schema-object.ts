import type { OdcsContract, SchemaObject } from "./contract-types";
import { MeshworkError } from "@/lib/errors";

/** The schema object named `name` (by name or physicalName), or the contract's first one. */
export function findSchemaObject(contract: OdcsContract, name?: string): SchemaObject {
  const objects = contract.schema ?? [];
  const object = name ? objects.find((o) => o.name === name || o.physicalName === name) : objects[0];
  if (object) return object;
  const message = name ? `the contract has no schema object named "${name}"` : "the contract has no schema object";
  throw new MeshworkError("validation_failed", message, [{ path: "schema", message }]);
}
