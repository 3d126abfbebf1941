import { requireRegistryReader, requireRegistryWriter } from "./authenticate-registry-request";
import { deleteCompatibilityLevel } from "./delete-compatibility-level";
import { deleteSubject, deleteSubjectVersion } from "./delete-subject";
import { lookupSchema } from "./lookup-schema";
import { listSchemaSubjects } from "./list-schema-subjects";
import { getSchemaById, getSubjectVersion, listSchemaVersions, listSubjects, listSubjectVersions } from "./read-registry";
import { registerSchema } from "./register-schema";
import { subjectLevelConfigNotFound } from "./registry-error";
import { readRegistryBody, REGISTRY_CONTENT_TYPE, registryRoute, wantsDeleted } from "./registry-route";
import { isSubjectVisible, requireVisibleSubject, visibleSubjectRows, visibleSubjects } from "./registry-visibility";
import { getCompatibilityLevel, setCompatibilityLevel } from "./set-compatibility-level";
import { testCompatibility } from "./test-compatibility";

// The Confluent Schema Registry API, keyed by path under /api/schema-registry (Next's folder syntax). The web
// app's app/api/schema-registry/**/route.ts files re-export these; bin/registry-server.ts serves the same table.
// Every handler checks credentials before it reads a body. Path parameters arrive decoded once, as Next does.

type Subject = { subject: string };
type SubjectVersion = { subject: string; version: string };
type Id = { id: string };

const query = (request: Request, name: string) => new URL(request.url).searchParams.get(name);
// ?deletedOnly=true lists only soft-deleted entries, ?deleted=true adds them to the live ones.
const deletedFilter = (request: Request) => (query(request, "deletedOnly") === "true" ? "only" : wantsDeleted(request));

export const registryApi = {
  "compatibility/subjects/[subject]/versions": {
    POST: registryRoute<Subject>(async (request, { subject }) => {
      const reader = await requireRegistryReader(request);
      const body = await readRegistryBody(request);
      // A hidden subject is checked as one that does not exist, so the answer does not reveal it.
      const hidden = !(await isSubjectVisible(reader, subject));
      return testCompatibility(subject, null, body, query(request, "verbose") === "true", { asUnknown: hidden });
    }),
  },
  "compatibility/subjects/[subject]/versions/[version]": {
    POST: registryRoute<SubjectVersion>(async (request, { subject, version }) => {
      const reader = await requireRegistryReader(request, { version });
      const body = await readRegistryBody(request);
      // A hidden subject is checked as one that does not exist, so the answer does not reveal it.
      const hidden = !(await isSubjectVisible(reader, subject));
      return testCompatibility(subject, version, body, query(request, "verbose") === "true", { asUnknown: hidden });
    }),
  },
  "config/[subject]": {
    GET: registryRoute<Subject>(async (request, { subject }) => {
      const reader = await requireRegistryReader(request);
      // A subject the caller may not see answers as one without a level of its own.
      const visible = await isSubjectVisible(reader, subject);
      const level = await getCompatibilityLevel(visible ? subject : null, query(request, "defaultToGlobal") === "true");
      if (!visible && query(request, "defaultToGlobal") !== "true") throw subjectLevelConfigNotFound(subject);
      if (!level) throw subjectLevelConfigNotFound(subject);
      return level;
    }),
    PUT: registryRoute<Subject>(async (request, { subject }) => {
      const actor = await requireRegistryWriter(request);
      return setCompatibilityLevel(actor, subject, await readRegistryBody(request));
    }),
    DELETE: registryRoute<Subject>(async (request, { subject }) => {
      const actor = await requireRegistryWriter(request);
      return deleteCompatibilityLevel(actor, subject);
    }),
  },
  config: {
    GET: registryRoute(async (request) => {
      await requireRegistryReader(request);
      return getCompatibilityLevel(null, true);
    }),
    PUT: registryRoute(async (request) => {
      const actor = await requireRegistryWriter(request);
      return setCompatibilityLevel(actor, null, await readRegistryBody(request));
    }),
  },
  "schemas/ids/[id]/schema": {
    GET: registryRoute<Id>(async (request, { id }) => {
      await requireRegistryReader(request, { schemaId: Number(id) });
      const { schema } = await getSchemaById(Number(id));
      return new Response(schema, { headers: { "content-type": REGISTRY_CONTENT_TYPE } });
    }),
  },
  "schemas/ids/[id]/subjects": {
    GET: registryRoute<Id>(async (request, { id }) => {
      const reader = await requireRegistryReader(request, { schemaId: Number(id) });
      return visibleSubjects(reader, await listSchemaSubjects(Number(id), wantsDeleted(request)));
    }),
  },
  "schemas/ids/[id]/versions": {
    GET: registryRoute<Id>(async (request, { id }) => {
      const reader = await requireRegistryReader(request, { schemaId: Number(id) });
      return visibleSubjectRows(reader, await listSchemaVersions(Number(id), wantsDeleted(request)));
    }),
  },
  "schemas/ids/[id]": {
    GET: registryRoute<Id>(async (request, { id }) => {
      await requireRegistryReader(request, { schemaId: Number(id) });
      return getSchemaById(Number(id));
    }),
  },
  "schemas/types": {
    GET: registryRoute(async (request) => {
      await requireRegistryReader(request);
      return ["AVRO", "JSON"];
    }),
  },
  "subjects/[subject]/versions/[version]/schema": {
    GET: registryRoute<SubjectVersion>(async (request, { subject, version }) => {
      await requireRegistryReader(request, { subject, version });
      const found = await getSubjectVersion(subject, version);
      return new Response(found.schema, { headers: { "content-type": REGISTRY_CONTENT_TYPE } });
    }),
  },
  "subjects/[subject]/versions/[version]": {
    GET: registryRoute<SubjectVersion>(async (request, { subject, version }) => {
      await requireRegistryReader(request, { subject, version });
      return getSubjectVersion(subject, version, wantsDeleted(request));
    }),
    DELETE: registryRoute<SubjectVersion>(async (request, { subject, version }) => {
      const actor = await requireRegistryWriter(request);
      return deleteSubjectVersion(actor, subject, version, query(request, "permanent") === "true");
    }),
  },
  "subjects/[subject]/versions": {
    GET: registryRoute<Subject>(async (request, { subject }) => {
      await requireRegistryReader(request, { subject });
      return listSubjectVersions(subject, deletedFilter(request));
    }),
    POST: registryRoute<Subject>(async (request, { subject }) => {
      const actor = await requireRegistryWriter(request);
      return registerSchema(actor, subject, await readRegistryBody(request));
    }),
  },
  "subjects/[subject]": {
    POST: registryRoute<Subject>(async (request, { subject }) => {
      const reader = await requireRegistryReader(request);
      const body = await readRegistryBody(request);
      await requireVisibleSubject(reader, subject);
      return lookupSchema(subject, body, wantsDeleted(request));
    }),
    DELETE: registryRoute<Subject>(async (request, { subject }) => {
      const actor = await requireRegistryWriter(request);
      return deleteSubject(actor, subject, query(request, "permanent") === "true");
    }),
  },
  subjects: {
    GET: registryRoute(async (request) => {
      const reader = await requireRegistryReader(request);
      return visibleSubjects(reader, await listSubjects(deletedFilter(request)));
    }),
  },
};

export type RegistryPath = keyof typeof registryApi;
export type RegistryHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
