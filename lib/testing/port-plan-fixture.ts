import { SYSTEM_COLUMNS, type TableColumn } from "@/lib/data-tables/product-table-columns";
import { PortPlan } from "@/lib/materialization/port-plan";

/** A table port's plan for tests that convert records without a database: its columns, then the stream's own. */
export function testPortPlan(columns: TableColumn[], { schema = "s", table = "t", primaryKey = [] as string[] } = {}): PortPlan {
  return new PortPlan({ schema, table, qualifiedName: `"${schema}"."${table}"`, contractVersion: "1.0.0", created: true, addedColumns: [], incompatible: [], primaryKey, latestView: null, columns: [...columns, ...SYSTEM_COLUMNS] });
}
