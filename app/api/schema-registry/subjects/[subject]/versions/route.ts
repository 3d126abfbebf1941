import { registryApi } from "@/lib/registry/registry-api";

export const { GET, POST } = registryApi["subjects/[subject]/versions"];
