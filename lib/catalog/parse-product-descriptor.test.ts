import { describe, expect, it } from "vitest";
import { expectMeshworkError } from "@/lib/testing/fixtures";
import { MAX_DESCRIPTOR_BYTES, parseProductDescriptor } from "./parse-product-descriptor";

const valid = `
apiVersion: meshwork/v1
kind: DataProduct
domain: sales
team: checkout
name: Order Events
description: Every order placed
tags: [orders, Sales]
classification: confidential
containsPersonalData: true
outputPorts:
  - name: stream
    type: kafka_topic
    topic: sales.orders.v1
  - name: table
    type: table
    table: sales.orders
    materializedFrom: stream
inputPorts:
  - name: customers
    from:
      product: urn:meshwork:crm:customers
      port: events
`;

// parseProductDescriptor throws synchronously; wrap it so the shared helper can inspect the error.
const parse = (text: string) => new Promise((resolve) => resolve(parseProductDescriptor(text)));

describe("a team uploads a product descriptor", () => {
  it("parses a valid YAML descriptor with defaults filled in", () => {
    const descriptor = parseProductDescriptor(valid);
    expect(descriptor).toMatchObject({
      domain: "sales",
      team: "checkout",
      name: "Order Events",
      tags: ["orders", "sales"],
      classification: "confidential",
      containsPersonalData: true,
    });
    expect(descriptor.outputPorts).toEqual([
      { name: "stream", type: "kafka_topic", description: "", topic: "sales.orders.v1" },
      { name: "table", type: "table", description: "", table: "sales.orders", materializedFrom: "stream" },
    ]);
    expect(descriptor.inputPorts).toEqual([{ name: "customers", description: "", from: { product: "urn:meshwork:crm:customers", port: "events" } }]);
  });

  it("accepts the same descriptor as JSON", () => {
    const json = JSON.stringify({ domain: "sales", team: "checkout", name: "Order Events" });
    expect(parseProductDescriptor(json)).toMatchObject({ name: "Order Events", classification: "internal", outputPorts: [], inputPorts: [] });
  });

  it("lists every error with its path", async () => {
    const broken = `
domain: sales
team: Checkout Team
name: X
classification: secret
outputPorts:
  - name: stream
    type: kafka_topic
  - name: table
    type: table
    table: "1-bad table"
inputPorts:
  - name: customers
    from:
      product: customers
`;
    const error = await expectMeshworkError(parse(broken), "validation_failed");
    expect(error.details.map((d) => d.path).sort()).toEqual([
      "classification",
      "inputPorts[0].from.port",
      "inputPorts[0].from.product",
      "name",
      "outputPorts[0].topic",
      "outputPorts[1].table",
      "team",
    ]);
    expect(error.message).toBe("The descriptor has 7 errors.");
  });

  it("reports the line of invalid YAML", async () => {
    const text = ["domain: sales", "team: checkout", "team: payments", "name: Orders: EU", "outputPorts: []"].join("\n");
    const error = await expectMeshworkError(parse(text), "validation_failed");
    expect(error.message).toBe("The descriptor is not valid YAML or JSON.");
    expect(error.details.map((d) => d.path)).toEqual(["line 3", "line 4"]);
    expect(error.details[0].message).toContain("Map keys must be unique");
  });

  it("refuses a document that is not a mapping", async () => {
    const error = await expectMeshworkError(parse("- just\n- a list\n"), "validation_failed");
    expect(error.details).toEqual([{ path: "(root)", message: "expected an object" }]);
  });

  it("refuses a text larger than 256 KiB before parsing it", async () => {
    expect(MAX_DESCRIPTOR_BYTES).toBe(256 * 1024);
    const oversized = `domain: sales\nteam: checkout\nname: Orders\ndescription: "${"x".repeat(MAX_DESCRIPTOR_BYTES)}"\n`;
    await expectMeshworkError(parse(oversized), "payload_too_large");
    // Multi-byte characters count as bytes, not characters.
    const wide = `# ${"é".repeat(MAX_DESCRIPTOR_BYTES / 2)}\ndomain: sales\n`;
    await expectMeshworkError(parse(wide), "payload_too_large");
  });
});
