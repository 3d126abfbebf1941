import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { updateDataProduct } from "@/lib/catalog/update-data-product";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callRoute } from "@/lib/testing/call-route";
import { createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";
import { topicContractYaml, type Property } from "@/lib/testing/table-port-fixture";

// `meshwork contract check --fail-on-impact`, run as a producer's CI runs it, against the real check route served over HTTP.
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const ORDER: Property[] = [
  { name: "order_id", logicalType: "string", required: true },
  { name: "amount", logicalType: "number" },
];

let server: http.Server;
let baseUrl: string;
let token: string;
let upstream: { urn: string };
let topic: string;
let readerUrn: string;
let dir: string;

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "bin/meshwork.ts"), ...args], { env: { ...process.env, MESHWORK_URL: baseUrl, MESHWORK_TOKEN: token } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  const admin: Actor = await createUser({ role: "admin" });
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  topic = port.location!;
  upstream = product;
  await submitContractVersion(team.owner, port.id, { contract: topicContractYaml(product, topic, "1.0.0", ORDER) });
  await changeProductStatus(team.owner, product.id, { status: "published" });
  const readers = await createOwnedTeam(admin);
  const reader = await registerProduct(readers.owner);
  readerUrn = reader.urn;
  const readerPort = await db.port.findFirstOrThrow({ where: { dataProductId: reader.id, name: "events" } });
  await submitContractVersion(readers.owner, readerPort.id, { contract: topicContractYaml(reader, readerPort.location!, "1.0.0", [{ name: "total", logicalType: "number" }]) });
  await changeProductStatus(readers.owner, reader.id, { status: "published" });
  await updateDataProduct(readers.owner, reader.id, { inputPorts: [{ name: "orders-in", from: { product: product.urn, port: "events" }, fields: { total: ["amount"] } }] });
  token = (await createApiToken(team.owner, { name: "ci" })).token;

  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await callRoute("api/v1/contracts/check", "POST", { body: Buffer.concat(chunks).toString("utf8"), token: String(req.headers.authorization ?? "").replace(/^Bearer /, "") });
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(tmpdir(), "meshwork-impact-"));
});

afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

describe("meshwork contract check prints the impact and --fail-on-impact fails the pipeline on it", () => {
  it("exits 3 with --fail-on-impact when a removed field is read downstream, 0 without the flag, and prints who reads it", async () => {
    const file = path.join(dir, "without-amount.yaml");
    await writeFile(file, topicContractYaml(upstream, topic, "1.1.0", ORDER.filter((p) => p.name !== "amount")));
    const plain = await cli(["contract", "check", file, "--port", `${upstream.urn}:events`]);
    expect(plain.code, plain.out).toBe(0);
    expect(plain.out).toContain("impact: This change reaches 1 downstream product");
    expect(plain.out).toContain(`${readerUrn}:events field total (descriptor)`);
    const strict = await cli(["contract", "check", file, "--port", `${upstream.urn}:events`, "--fail-on-impact"]);
    expect(strict.code, strict.out).toBe(3);
  });

  it("exits 0 with --fail-on-impact when the change breaks nothing downstream", async () => {
    const file = path.join(dir, "added.yaml");
    await writeFile(file, topicContractYaml(upstream, topic, "1.1.0", [...ORDER, { name: "note", logicalType: "string" }]));
    const result = await cli(["contract", "check", file, "--port", `${upstream.urn}:events`, "--fail-on-impact"]);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("No breaking change");
  });
});
