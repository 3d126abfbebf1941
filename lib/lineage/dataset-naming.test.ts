import { describe, expect, it } from "vitest";
import { lineageNamingFromEnv, parseLineageAliases, portLocationOf } from "./dataset-naming";

const naming = lineageNamingFromEnv({
  KAFKA_BROKERS: "127.0.0.1:39092,kafka-2:9093",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/meshwork",
  MESHWORK_LINEAGE_ALIASES: "kafka://broker.prod.example:9092=kafka, postgresql://warehouse.example=postgres, postgres://reports.example:6432/analytics=postgres://127.0.0.1:5432",
});

describe("OpenLineage dataset names → Meshwork port locations (openlineage.io/docs/spec/naming)", () => {
  it("matches a topic on one of Meshwork's brokers, and nothing on another cluster", () => {
    expect(portLocationOf("kafka://127.0.0.1:39092", "sales.orders", naming)).toEqual({ type: "kafka_topic", location: "sales.orders" });
    expect(portLocationOf("kafka://KAFKA-2:9093", "t", naming)).toEqual({ type: "kafka_topic", location: "t" });
    expect(portLocationOf("kafka://elsewhere:9092", "sales.orders", naming)).toBeNull();
  });

  it("matches database.schema.table in the data database to the table port location schema.table", () => {
    expect(portLocationOf("postgres://127.0.0.1:5432", "meshwork.sales.orders", naming)).toEqual({ type: "table", location: "sales.orders" });
    expect(portLocationOf("postgresql://127.0.0.1", "meshwork.sales.orders", naming)).toEqual({ type: "table", location: "sales.orders" });
    expect(portLocationOf("postgres://127.0.0.1:5432", "otherdb.sales.orders", naming)).toBeNull();
    expect(portLocationOf("postgres://127.0.0.1:5432", "sales.orders", naming)).toBeNull();
    expect(portLocationOf("postgres://10.0.0.9:5432", "meshwork.sales.orders", naming)).toBeNull();
  });

  it("follows aliases for brokers, servers and databases", () => {
    expect(portLocationOf("kafka://broker.prod.example:9092", "sales.orders", naming)).toEqual({ type: "kafka_topic", location: "sales.orders" });
    expect(portLocationOf("postgres://warehouse.example:5432", "meshwork.s.t", naming)).toEqual({ type: "table", location: "s.t" });
    expect(portLocationOf("postgres://reports.example:6432", "analytics.s.t", naming)).toEqual({ type: "table", location: "s.t" });
    expect(portLocationOf("postgres://reports.example:6432", "meshwork.s.t", naming)).toBeNull();
  });

  it("refuses a malformed alias setting, naming the entry", () => {
    expect(() => parseLineageAliases("kafka://a:1")).toThrow(/"kafka:\/\/a:1"/);
    expect(() => parseLineageAliases("s3://bucket=kafka")).toThrow(/MESHWORK_LINEAGE_ALIASES/);
  });
});
