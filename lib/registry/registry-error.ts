/** Confluent Schema Registry errors: an HTTP status plus Confluent's `error_code` and message body. */
export class RegistryError extends Error {
  constructor(
    public readonly status: number,
    public readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = "RegistryError";
  }
}

export const subjectNotFound = (subject: string) => new RegistryError(404, 40401, `Subject '${subject}' not found.`);
export const versionNotFound = (version: string | number) => new RegistryError(404, 40402, `Version ${version} not found.`);
export const schemaNotFound = () => new RegistryError(404, 40403, "Schema not found");
export const subjectSoftDeleted = (subject: string) => new RegistryError(404, 40404, `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`);
export const subjectNotSoftDeleted = (subject: string) => new RegistryError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`);
export const versionSoftDeleted = (subject: string, version: number) => new RegistryError(404, 40406, `Subject '${subject}' Version ${version} was soft deleted. Set permanent=true to delete permanently`);
export const versionNotSoftDeleted = (subject: string, version: number) => new RegistryError(404, 40407, `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`);
export const subjectLevelConfigNotFound = (subject: string) => new RegistryError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);
export const invalidSchema = (reason: string) => new RegistryError(422, 42201, `Invalid schema: ${reason}`);
export const invalidVersion = (version: string) => new RegistryError(422, 42202, `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`);
export const invalidCompatibilityLevel = (level: string) => new RegistryError(422, 42203, `Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive (got '${level}')`);
export const invalidSubject = (subject: string) => new RegistryError(422, 42208, `The specified subject ${JSON.stringify(subject)} is not valid: it contains control characters`);
export const retiredSubjectCompatibility = (subject: string, productUrn: string) =>
  new RegistryError(409, 409, `Subject '${subject}' belongs to ${productUrn}, which is retired; its compatibility cannot change.`);
export const unauthorized = (message = "Unauthorized") => new RegistryError(401, 401, message);
export const forbiddenRegistry = (message: string) => new RegistryError(403, 40301, message);
export const incompatible = (subject: string, messages: string[]) =>
  new RegistryError(409, 409, `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(", ")}]`);
