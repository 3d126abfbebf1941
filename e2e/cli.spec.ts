import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createToken, descriptor, expect, registerProduct, signInApi, test, unique } from "./support/fixtures";

// The CLI and the README's examples, used the way a producer's CI uses them: from a checkout of their own code,
// not from inside Meshwork's repository.
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const README = path.join(ROOT, "README.md");

/** Runs the README's documented CLI command from a directory outside the repository. */
async function meshworkFrom(cwd: string, args: string[], env: Record<string, string>) {
  try {
    // A cache of its own, as on a fresh CI runner: npx must not reuse an earlier install of the package.
    const { stdout, stderr } = await run("npx", ["--yes", "--package", ROOT, "meshwork", ...args], { cwd, env: { ...process.env, npm_config_cache: path.join(cwd, ".npm-cache"), ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const contract = (version: string, amountType: string) =>
  `apiVersion: v3.1.0\nkind: DataContract\nid: cli-${version}\nversion: ${version}\nstatus: active\nschema:\n  - name: payouts\n    properties:\n      - name: payout_id\n        logicalType: string\n        required: true\n      - name: amount\n        logicalType: ${amountType}\n        required: true\n`;

test("a producer's CI checks and publishes contracts with the CLI from its own directory, as the README shows: each error's line and column, exit codes a pipeline can use", async ({ playwright, baseURL }) => {
  const readme = await readFile(README, "utf8");
  expect(readme).toContain("npx --yes --package /path/to/meshwork meshwork contract check");

  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const token = await createToken(owner);
  const product = await registerProduct(owner, descriptor("orders", "order-platform", unique("Cli Anywhere")));
  const port = `${product.urn}:events`;
  const env = { MESHWORK_URL: baseURL!, MESHWORK_TOKEN: token };
  const dir = await mkdtemp(path.join(tmpdir(), "meshwork-ci-"));
  const broken = path.join(dir, "broken.yaml");
  const v1 = path.join(dir, "v1.yaml");
  await writeFile(broken, contract("1.0.0", "numbr"));
  await writeFile(v1, contract("1.0.0", "number"));
  const v11 = path.join(dir, "v1.1.yaml");
  await writeFile(v11, contract("1.1.0", "string"));

  const api = await (await owner.post("/api/v1/contracts/check", { data: { contract: contract("1.0.0", "numbr"), port } })).json();
  const [error] = api.errors as { path: string; line: number; column: number }[];
  expect(error).toMatchObject({ path: "schema[0].properties[1].logicalType", line: expect.any(Number), column: expect.any(Number) });

  const invalid = await meshworkFrom(dir, ["contract", "check", broken, "--port", port], env);
  expect(invalid.code, invalid.out).toBe(1);
  expect(invalid.out).toContain(`${broken}:${error.line}:${error.column}: ${error.path}:`);

  // A check saves nothing; publish does; an incompatible change and a wrong token fail the pipeline (exit 1).
  const check = await meshworkFrom(dir, ["contract", "check", v1, "--port", port], env);
  expect(check.code, check.out).toBe(0);
  expect(check.out).toContain("valid and compatible");
  expect((await (await owner.get(`/api/v1/ports/${encodeURIComponent(port)}/contracts`)).json()).versions).toHaveLength(0);

  const publish = await meshworkFrom(dir, ["contract", "publish", v1, "--port", port], env);
  expect(publish.code, publish.out).toBe(0);
  expect(publish.out).toMatch(/contract 1\.0\.0 is active \(schema id \d+\)/);

  const incompatible = await meshworkFrom(dir, ["contract", "check", v11, "--port", port], env);
  expect(incompatible.code, incompatible.out).toBe(1);
  expect(incompatible.out).toContain('field "amount"');

  const wrongToken = await meshworkFrom(dir, ["contract", "check", v1, "--port", port], { MESHWORK_URL: baseURL!, MESHWORK_TOKEN: "mw_wrong" });
  expect(wrongToken.code).toBe(1);
  expect(wrongToken.out).toContain("unknown, revoked or expired");
  await owner.dispose();
});

test("the README's example descriptor registers against the demo mesh as written", async ({ playwright, baseURL }) => {
  const readme = await readFile(README, "utf8");
  const section = readme.slice(readme.indexOf("### Product descriptor"));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  expect(yaml, "the README's descriptor example").toBeTruthy();
  // The README names the demo account that owns the example's team.
  const account = /`([a-z]+@meshwork\.dev)`/.exec(section.slice(0, section.indexOf("```yaml")))?.[1];
  expect(account, "the demo account the README signs in with").toBeTruthy();

  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, account!);
  const response = await owner.post("/api/v1/data-products", { headers: { "content-type": "application/yaml" }, data: Buffer.from(yaml!) });
  // The example registers once per mesh: a retry (or --repeat-each) of this test meets its own first upload.
  const firstAttempt = test.info().retry === 0 && test.info().repeatEachIndex === 0;
  if (!firstAttempt && response.status() === 409) return;
  expect(response.status(), await response.text()).toBe(201);
  const created = await response.json();
  expect(created.urn).toMatch(/^urn:meshwork:[a-z0-9-]+:[a-z0-9-]+$/);
  await owner.dispose();
});
