import { registryApi } from "@/lib/registry/registry-api";

export const { GET } = registryApi["schemas/ids/[id]/subjects"];
