import { randomBytes } from "node:crypto";
import pg from "pg";

/** Roles are cluster-wide: each test file provisions under a prefix of its own and drops exactly the roles it made. */
export function testRolePrefix(): string {
  return `mwtest${randomBytes(4).toString("hex")}_`;
}

export async function dropRolesWithPrefix(databaseUrl: string, prefix: string): Promise<string[]> {
  if (!/^mwtest[0-9a-f]{8}_$/.test(prefix)) throw new Error(`Refusing to drop roles under a prefix no test made: ${prefix}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)", [prefix]);
    for (const { rolname } of rows) {
      // Its privileges live in this database only; DROP OWNED revokes them so the role can go.
      await client.query(`DROP OWNED BY ${pg.escapeIdentifier(rolname)}`);
      await client.query(`DROP ROLE ${pg.escapeIdentifier(rolname)}`);
    }
    return rows.map((r) => r.rolname);
  } finally {
    await client.end();
  }
}
