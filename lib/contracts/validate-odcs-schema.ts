import Ajv2019, { type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import type { ContractIssue } from "./contract-issue";
import { humanizeAjvErrors } from "./humanize-ajv-errors";
import odcsJsonSchema from "./odcs-json-schema-v3.1.0.json";

let validator: ValidateFunction | undefined;

/** Validates a plain contract object against the ODCS v3.1.0 JSON Schema. */
export function validateOdcsSchema(contract: unknown): ContractIssue[] {
  validator ??= compile();
  if (validator(contract)) return [];
  return humanizeAjvErrors(validator.errors ?? []);
}

function compile(): ValidateFunction {
  const ajv = new Ajv2019({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  return ajv.compile(odcsJsonSchema);
}
