import { env } from "@/lib/env";
import { MeshworkError } from "@/lib/errors";
import { parseProductDescriptor } from "@/lib/catalog/parse-product-descriptor";

/** Reads a request body as text, refusing bodies over the limit before buffering them whole. */
export async function readBodyText(request: Request, limit = env.MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new MeshworkError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new MeshworkError("payload_too_large", `The request body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The JSON body; an empty one is refused, unless the route's body is optional (`whenEmpty` is then the value). */
export async function readJsonBody(request: Request, options: { whenEmpty?: unknown } = {}): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) {
    if ("whenEmpty" in options) return options.whenEmpty;
    throw new MeshworkError("bad_request", "The request body is empty; send a JSON object.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MeshworkError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

const isYaml = (request: Request) => /yaml/i.test(request.headers.get("content-type") ?? "");

/** A product descriptor sent as JSON or, with a YAML content type, as the YAML file teams keep in git. */
export async function readDescriptorBody(request: Request): Promise<unknown> {
  return isYaml(request) ? parseProductDescriptor(await readBodyText(request)) : readJsonBody(request);
}

/** A contract submission: JSON `{ contract, schemaType?, customSchema?, draft? }`, or the raw ODCS YAML itself. */
export async function readContractBody(request: Request, extra: Record<string, string> = {}): Promise<unknown> {
  return isYaml(request) ? { contract: await readBodyText(request), ...extra } : readJsonBody(request);
}
