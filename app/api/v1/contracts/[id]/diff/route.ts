import { apiRoute } from "@/lib/http/api-route";
import { diffContractVersions } from "@/lib/contracts/diff-contract-versions";
import { validationFailed } from "@/lib/errors";

export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const against = new URL(request.url).searchParams.get("against");
  if (!against) throw validationFailed("Name the version to compare with.", [{ path: "against", message: "required" }]);
  return diffContractVersions(actor, params.id, against);
});
