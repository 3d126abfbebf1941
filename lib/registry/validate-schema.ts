import Ajv from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import { parseAvroSchema } from "@/lib/contracts/avro-compatibility";
import type { SchemaType } from "@/lib/generated/prisma/enums";
import { invalidSchema } from "./registry-error";

/** A JSON Schema compiler for the draft its `$schema` names (2020-12 when it names none); draft-04 is read as draft-07. */
function jsonSchemaCompiler(schema: unknown) {
  const uri = typeof (schema as { $schema?: unknown } | null)?.$schema === "string" ? (schema as { $schema: string }).$schema : "";
  const options = { strict: false, validateSchema: true } as const;
  const canonical = (draft: string) => ({ ...(schema as object), $schema: draft });
  if (/draft-0[47]\/schema#?$/.test(uri)) return { ajv: new Ajv(options), schema: canonical("http://json-schema.org/draft-07/schema#") };
  if (/draft-06\/schema#?$/.test(uri)) return { ajv: new Ajv(options).addMetaSchema(draft06), schema: canonical("http://json-schema.org/draft-06/schema#") };
  if (/draft\/2019-09\/schema#?$/.test(uri)) return { ajv: new Ajv2019(options), schema: canonical("https://json-schema.org/draft/2019-09/schema") };
  if (/draft\/2020-12\/schema#?$/.test(uri)) return { ajv: new Ajv2020(options), schema: canonical("https://json-schema.org/draft/2020-12/schema") };
  return { ajv: new Ajv2020(options), schema };
}

/** Refuses a schema its own type cannot compile (Avro through avsc, JSON Schema through ajv). */
export function validateSchema(schemaType: SchemaType, canonical: string): void {
  const parsed = JSON.parse(canonical);
  try {
    if (schemaType === "AVRO") parseAvroSchema(parsed);
    else if (typeof parsed === "boolean") return;
    else {
      const { ajv, schema } = jsonSchemaCompiler(parsed);
      ajv.compile(schema as object);
    }
  } catch (error) {
    throw invalidSchema((error as Error).message);
  }
}
