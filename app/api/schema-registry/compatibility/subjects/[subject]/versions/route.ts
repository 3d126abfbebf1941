import { registryApi } from "@/lib/registry/registry-api";

export const { POST } = registryApi["compatibility/subjects/[subject]/versions"];
