import { registryApi } from "@/lib/registry/registry-api";

export const { GET, PUT, DELETE } = registryApi["config/[subject]"];
