import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { createUser } from "@/lib/testing/fixtures";
import { canRead, dropRolesWithPrefix, tablePortWithContract, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { provisionGrant } from "./provision-grant";
import { provisionTableAccess } from "./provision-table-access";
import { teamRoleName } from "./team-role-name";

const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
let admin: Actor;
let client: pg.Client;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  client = new pg.Client({ connectionString: url() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await closeDataPool();
  await dropRolesWithPrefix(url(), prefix);
});

/** A table port's table, created, and the role name of a consumer team under this file's prefix. */
async function tableAndRole() {
  const fixture = await tablePortWithContract(admin);
  await createProductTable(fixture.port.id);
  const consumer = await tablePortWithContract(admin);
  return { ...fixture, consumerTeam: consumer.team, role: teamRoleName(consumer.team.slug, prefix) };
}

describe("provisionTableAccess", () => {
  it("grants USAGE and SELECT to a role it creates NOLOGIN, then finds nothing left to do", async () => {
    const { schema, table, role } = await tableAndRole();
    expect(await canRead(url(), role, schema, table)).toEqual({ privilege: false, selectWorks: false });
    const first = await provisionTableAccess({ role, schema, table, access: "select" });
    expect(first.changes).toEqual([`created role ${role} (NOLOGIN)`, `granted USAGE on schema ${schema}`, `granted SELECT on ${schema}.${table}`]);
    expect(await canRead(url(), role, schema, table)).toEqual({ privilege: true, selectWorks: true });
    const login = await client.query<{ rolcanlogin: boolean }>("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", [role]);
    expect(login.rows[0].rolcanlogin).toBe(false);
    expect((await provisionTableAccess({ role, schema, table, access: "select" })).changes).toEqual([]);
  });

  it("repairs a grant someone revoked by hand through the same call", async () => {
    const { schema, table, role } = await tableAndRole();
    await provisionTableAccess({ role, schema, table, access: "select" });
    await client.query(`REVOKE SELECT ON ${schema}.${table} FROM ${role}`);
    expect((await canRead(url(), role, schema, table)).selectWorks).toBe(false);
    const repaired = await provisionTableAccess({ role, schema, table, access: "select" });
    expect(repaired.changes).toEqual([`granted SELECT on ${schema}.${table}`]);
    expect((await canRead(url(), role, schema, table)).selectWorks).toBe(true);
  });

  it("revokes, keeping the schema's USAGE while another table there is still granted, and leaves the role", async () => {
    const { schema, table, role } = await tableAndRole();
    await client.query(`CREATE TABLE ${schema}.second (id int)`);
    await provisionTableAccess({ role, schema, table, access: "select" });
    await provisionTableAccess({ role, schema, table: "second", access: "select" });
    const first = await provisionTableAccess({ role, schema, table, access: "none" });
    expect(first.changes).toEqual([`revoked SELECT on ${schema}.${table}`]);
    expect(await canRead(url(), role, schema, table)).toEqual({ privilege: false, selectWorks: false });
    expect((await canRead(url(), role, schema, "second")).selectWorks).toBe(true);
    const last = await provisionTableAccess({ role, schema, table: "second", access: "none" });
    expect(last.changes).toEqual([`revoked SELECT on ${schema}.second`, `revoked USAGE on schema ${schema}`]);
    const usage = await client.query<{ ok: boolean }>("SELECT has_schema_privilege($1, $2, 'USAGE') AS ok", [role, schema]);
    expect(usage.rows[0].ok).toBe(false);
    expect((await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount).toBe(1);
    expect((await provisionTableAccess({ role, schema, table, access: "none" })).changes).toEqual([]);
  });

  it("revoking for a role that does not exist creates nothing", async () => {
    const { schema, table } = await tableAndRole();
    const ghost = `${prefix}team_ghost`;
    expect((await provisionTableAccess({ role: ghost, schema, table, access: "none" })).changes).toEqual([]);
    expect((await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [ghost])).rowCount).toBe(0);
  });

  it("refuses to grant on a table that does not exist, with the reason", async () => {
    const { schema, role } = await tableAndRole();
    await expect(provisionTableAccess({ role, schema, table: "missing", access: "select" })).rejects.toThrow(/does not exist in the data database/);
  });

  it("grants concurrently to many roles on one table without PostgreSQL's 'tuple concurrently updated'", async () => {
    const { schema, table } = await tableAndRole();
    const roles = Array.from({ length: 8 }, (_, i) => `${prefix}team_concurrent_${i}`);
    const results = await Promise.all(roles.map((role) => provisionTableAccess({ role, schema, table, access: "select" })));
    expect(results.every((r) => r.changes.includes(`granted SELECT on ${schema}.${table}`))).toBe(true);
    for (const role of roles) expect((await canRead(url(), role, schema, table)).selectWorks).toBe(true);
  });
});

describe("provisionGrant (the provision-grant job's work)", () => {
  it("creates the port's table when it is missing, grants the consumer team's role, and revokes", async () => {
    const producer = await tablePortWithContract(admin);
    const consumer = await tablePortWithContract(admin);
    const role = teamRoleName(consumer.team.slug, prefix);
    const granted = await provisionGrant({ action: "grant", portId: producer.port.id, teamId: consumer.team.id }, { rolePrefix: prefix });
    expect(granted).toMatchObject({ role, schema: producer.schema, table: "orders" });
    expect(await canRead(url(), role, producer.schema, "orders")).toEqual({ privilege: true, selectWorks: true });
    const again = await provisionGrant({ action: "grant", portId: producer.port.id, teamId: consumer.team.id }, { rolePrefix: prefix });
    expect(again.changes).toEqual([]);
    await provisionGrant({ action: "revoke", portId: producer.port.id, teamId: consumer.team.id }, { rolePrefix: prefix });
    expect(await canRead(url(), role, producer.schema, "orders")).toEqual({ privilege: false, selectWorks: false });
  });
});

describe("teamRoleName", () => {
  it("is <prefix>team_<slug> with dashes as underscores, and stays unique within PostgreSQL's 63 bytes", () => {
    expect(teamRoleName("order-platform", "mesh_")).toBe("mesh_team_order_platform");
    const long = "a".repeat(60);
    const a = teamRoleName(`${long}-x`, "mesh_");
    const b = teamRoleName(`${long}-y`, "mesh_");
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(a.startsWith("mesh_team_aaaa")).toBe(true);
  });
});
