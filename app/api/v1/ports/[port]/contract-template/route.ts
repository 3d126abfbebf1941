import { apiRoute } from "@/lib/http/api-route";
import { contractTemplate } from "@/lib/contracts/contract-template";

export const GET = apiRoute<{ port: string }>(async ({ actor, params }) => new Response(await contractTemplate(actor, params.port), { headers: { "content-type": "application/yaml; charset=utf-8" } }));
