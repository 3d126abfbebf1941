import { apiRoute } from "@/lib/http/api-route";
import { readContractBody } from "@/lib/http/read-body";
import { listContractVersions } from "@/lib/contracts/list-contract-versions";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";

type Params = { port: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => listContractVersions(actor, params.port));
export const POST = apiRoute<Params>(async ({ request, actor, params }) => submitContractVersion(actor, params.port, await readContractBody(request)), { status: 201 });
