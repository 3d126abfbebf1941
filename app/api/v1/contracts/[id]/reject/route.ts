import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { decideContractVersion } from "@/lib/contracts/decide-contract-version";

// The note is optional: an empty body decides without one; a body that is not JSON is a 400, whoever sends it.
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => decideContractVersion(actor, params.id, "reject", await readJsonBody(request, { whenEmpty: {} })));
