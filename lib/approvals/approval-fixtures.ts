import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createOwnedTeam, registerProduct } from "@/lib/testing/fixtures";

/** An ODCS contract for a topic with the given fields (name:type, required when the type ends in "!"). */
export function contractYaml(topic: string, version: string, fields: string[]): string {
  const properties = fields.flatMap((f) => {
    const [name, type] = f.split(":");
    return [`      - name: ${name}`, `        logicalType: ${type.replace("!", "")}`, ...(type.endsWith("!") ? ["        required: true"] : [])];
  });
  return ["apiVersion: v3.1.0", "kind: DataContract", `id: ${topic}`, `name: Orders on ${topic}`, `version: ${version}`, "status: active", "domain: sales", "schema:", "  - name: orders", `    physicalName: ${topic}`, "    logicalType: object", "    properties:", ...properties, ""].join("\n");
}

export const BASE = ["order_id:string!", "amount:number!"];
export const BREAKING = ["order_id:string!", "amount:string!"];

/** A fresh team and topic port with 1.0.0 active and a breaking 2.0.0 submitted by `submitter` (the team's owner by default). */
export async function pendingMajorVersion(admin: Actor, submitter?: (team: Awaited<ReturnType<typeof createOwnedTeam>>) => Promise<Actor>) {
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  const topic = port.location!;
  await submitContractVersion(team.owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
  const author = submitter ? await submitter(team) : team.owner;
  const pending = await submitContractVersion(author, port.id, { contract: contractYaml(topic, "2.0.0", BREAKING) });
  if (pending.status !== "pending_approval") throw new Error(`expected 2.0.0 to wait for approval, got ${pending.status}`);
  return { ...team, product, port, topic, author, version: pending };
}
