import { registryApi } from "@/lib/registry/registry-api";

export const { POST, DELETE } = registryApi["subjects/[subject]"];
