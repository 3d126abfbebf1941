import pg from "pg";
import { dataPool, inDataTransaction, type Queryable } from "@/lib/data-tables/data-database";
import { lockSchema } from "@/lib/data-tables/lock-schema";

export type TableAccess = {
  role: string;
  schema: string;
  table: string;
  /** select: the role can read the table (USAGE on its schema, SELECT on it); none: it no longer holds that grant. */
  access: "select" | "none";
};

export type ProvisionResult = TableAccess & {
  /** What had to change to reach the desired state; empty when it was already there. */
  changes: string[];
};

const q = pg.escapeIdentifier;

type Actual = { roleExists: boolean; tableExists: boolean; canUseSchema: boolean; canSelect: boolean; grantedSelect: boolean; grantedUsage: boolean; otherTablesGranted: number };

/**
 * Brings one consumer role's access to one table to the desired state, in one transaction on the data database:
 * it reads what PostgreSQL says the role can do (has_schema_privilege, has_table_privilege, the ACLs) and changes
 * only the difference, so the same call applies a grant, repairs one someone revoked by hand, and does nothing
 * when all is in place. Granting creates the role NOLOGIN when it is missing; revoking leaves the role (roles are
 * cluster-wide and may be someone else's) and gives up USAGE on the schema only when no other table there is
 * still granted to it. Grants act on direct privileges; access the role has through PUBLIC or another role is not
 * Meshwork's to take away.
 */
export async function provisionTableAccess(desired: TableAccess, data: Queryable = dataPool()): Promise<ProvisionResult> {
  const { role, schema, table, access } = desired;
  const qualified = `${q(schema)}.${q(table)}`;
  return inDataTransaction(data, async (tx) => {
    await lockSchema(tx, schema);
    const changes: string[] = [];
    let actual = await readActual(tx, desired);
    if (access === "select") {
      if (!actual.tableExists) throw new Error(`Cannot grant SELECT on ${schema}.${table} to ${role}: the table does not exist in the data database.`);
      if (!actual.roleExists) {
        await createRoleIfMissing(tx, role);
        changes.push(`created role ${role} (NOLOGIN)`);
        actual = await readActual(tx, desired);
      }
      if (!actual.canUseSchema) {
        await tx.query(`GRANT USAGE ON SCHEMA ${q(schema)} TO ${q(role)}`);
        changes.push(`granted USAGE on schema ${schema}`);
      }
      if (!actual.canSelect) {
        await tx.query(`GRANT SELECT ON TABLE ${qualified} TO ${q(role)}`);
        changes.push(`granted SELECT on ${schema}.${table}`);
      }
      const after = await readActual(tx, desired);
      if (!after.canUseSchema || !after.canSelect) throw new Error(`After granting, ${role} still cannot read ${schema}.${table}.`);
    } else if (actual.roleExists) {
      if (actual.tableExists && actual.grantedSelect) {
        await tx.query(`REVOKE SELECT ON TABLE ${qualified} FROM ${q(role)}`);
        changes.push(`revoked SELECT on ${schema}.${table}`);
      }
      if (actual.grantedUsage && actual.otherTablesGranted === 0) {
        await tx.query(`REVOKE USAGE ON SCHEMA ${q(schema)} FROM ${q(role)}`);
        changes.push(`revoked USAGE on schema ${schema}`);
      }
    }
    return { ...desired, changes };
  });
}

async function readActual(tx: pg.ClientBase, { role, schema, table }: TableAccess): Promise<Actual> {
  const { rows } = await tx.query<Actual>(
    `WITH r AS (SELECT oid FROM pg_roles WHERE rolname = $1),
          n AS (SELECT oid, nspacl FROM pg_namespace WHERE nspname = $2),
          t AS (SELECT c.oid, c.relacl FROM pg_class c JOIN n ON c.relnamespace = n.oid WHERE c.relname = $3 AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))
     SELECT EXISTS (SELECT 1 FROM r) AS "roleExists",
            EXISTS (SELECT 1 FROM t) AS "tableExists",
            coalesce((SELECT has_schema_privilege(r.oid, n.oid, 'USAGE') FROM r, n), false) AS "canUseSchema",
            coalesce((SELECT has_table_privilege(r.oid, t.oid, 'SELECT') FROM r, t), false) AS "canSelect",
            EXISTS (SELECT 1 FROM r, t, aclexplode(t.relacl) a WHERE a.grantee = r.oid AND a.privilege_type = 'SELECT') AS "grantedSelect",
            EXISTS (SELECT 1 FROM r, n, aclexplode(n.nspacl) a WHERE a.grantee = r.oid AND a.privilege_type = 'USAGE') AS "grantedUsage",
            (SELECT count(*)::int FROM r, n, pg_class c, aclexplode(c.relacl) a
              WHERE c.relnamespace = n.oid AND c.relname <> $3 AND a.grantee = r.oid AND a.privilege_type = 'SELECT') AS "otherTablesGranted"`,
    [role, schema, table],
  );
  return rows[0];
}

// Roles are cluster-wide: another database's provisioner may create the same one at the same moment.
async function createRoleIfMissing(tx: pg.ClientBase, role: string) {
  await tx.query("SAVEPOINT create_role");
  try {
    await tx.query(`CREATE ROLE ${q(role)} NOLOGIN`);
    await tx.query("RELEASE SAVEPOINT create_role");
  } catch (error) {
    await tx.query("ROLLBACK TO SAVEPOINT create_role");
    const code = (error as { code?: string }).code;
    if (code !== "42710" && code !== "23505") throw error;
  }
}
