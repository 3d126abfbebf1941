import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createToken, descriptor, expect, registerProduct, signInApi, test, unique } from "./support/fixtures";

// A producer's CI checks and publishes contracts with `npx meshwork`, talking to the API with a token.
const run = promisify(execFile);

async function meshwork(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run("npx", ["meshwork", ...args], { cwd: path.resolve(import.meta.dirname, ".."), env: { ...process.env, ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const contract = (version: string, amountType: string) =>
  `apiVersion: v3.1.0\nkind: DataContract\nid: cli-${version}\nversion: ${version}\nstatus: active\nschema:\n  - name: payouts\n    properties:\n      - name: payout_id\n        logicalType: string\n        required: true\n      - name: amount\n        logicalType: ${amountType}\n        required: true\n`;

test("meshwork contract check and publish, with exit codes a pipeline can use", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const token = await createToken(owner);
  const product = await registerProduct(owner, descriptor("orders", "order-platform", unique("Cli Payouts")));
  const port = `${product.urn}:events`;
  const env = { MESHWORK_URL: baseURL!, MESHWORK_TOKEN: token };
  const dir = await mkdtemp(path.join(tmpdir(), "meshwork-cli-"));
  const v1 = path.join(dir, "v1.yaml");
  const v11 = path.join(dir, "v1.1.yaml");
  const broken = path.join(dir, "broken.yaml");
  await writeFile(v1, contract("1.0.0", "number"));
  await writeFile(v11, contract("1.1.0", "string"));
  await writeFile(broken, contract("1.0.0", "numbr"));

  const invalid = await meshwork(["contract", "check", broken, "--port", port], env);
  expect(invalid.code).toBe(1);
  expect(invalid.out).toContain("schema[0].properties[1].logicalType");

  const check = await meshwork(["contract", "check", v1, "--port", port], env);
  expect(check.code).toBe(0);
  expect(check.out).toContain("valid and compatible");
  expect((await (await owner.get(`/api/v1/ports/${encodeURIComponent(port)}/contracts`)).json()).versions).toHaveLength(0);

  const publish = await meshwork(["contract", "publish", v1, "--port", port], env);
  expect(publish.code).toBe(0);
  expect(publish.out).toMatch(/contract 1\.0\.0 is active \(schema id \d+\)/);

  const incompatible = await meshwork(["contract", "check", v11, "--port", port], env);
  expect(incompatible.code).toBe(1);
  expect(incompatible.out).toContain('field "amount"');

  const noToken = await meshwork(["contract", "check", v1, "--port", port], { MESHWORK_URL: baseURL!, MESHWORK_TOKEN: "mw_wrong" });
  expect(noToken.code).toBe(1);
  expect(noToken.out).toContain("unknown, revoked or expired");
});
