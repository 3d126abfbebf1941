import { apiRoute } from "@/lib/http/api-route";
import { readBodyText } from "@/lib/http/read-body";
import { decideContractVersion } from "@/lib/contracts/decide-contract-version";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const text = await readBodyText(request);
  return decideContractVersion(actor, params.id, "approve", text.trim() ? JSON.parse(text) : {});
});
