import { registryApi } from "@/lib/registry/registry-api";

export const { GET, DELETE } = registryApi["subjects/[subject]/versions/[version]"];
