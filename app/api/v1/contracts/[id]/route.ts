import { apiRoute } from "@/lib/http/api-route";
import { getContractVersion } from "@/lib/contracts/get-contract-version";

export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const version = await getContractVersion(actor, params.id);
  if (new URL(request.url).searchParams.get("format") !== "yaml") return version;
  const file = `${version.port.dataProduct.slug}-${version.port.name}-${version.version}.odcs.yaml`;
  return new Response(version.yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
});
