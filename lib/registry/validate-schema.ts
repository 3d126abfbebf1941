import Ajv2020 from "ajv/dist/2020";
import { parseAvroSchema } from "@/lib/contracts/avro-compatibility";
import type { SchemaType } from "@/lib/generated/prisma/enums";
import { invalidSchema } from "./registry-error";

/** Refuses a schema its own type cannot compile (Avro through avsc, JSON Schema through ajv). */
export function validateSchema(schemaType: SchemaType, canonical: string): void {
  const parsed = JSON.parse(canonical);
  try {
    if (schemaType === "AVRO") parseAvroSchema(parsed);
    else new Ajv2020({ strict: false, validateSchema: true }).compile(parsed);
  } catch (error) {
    throw invalidSchema((error as Error).message);
  }
}
