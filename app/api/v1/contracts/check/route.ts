import { apiRoute } from "@/lib/http/api-route";
import { readContractBody } from "@/lib/http/read-body";
import { checkContract } from "@/lib/contracts/check-contract";

// With a YAML body the port comes from ?port=...; with JSON it is a field of the body.
export const POST = apiRoute(async ({ request, actor }) => {
  const port = new URL(request.url).searchParams.get("port") ?? "";
  return checkContract(actor, await readContractBody(request, { port }));
});
