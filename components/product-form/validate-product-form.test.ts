import { describe, expect, it } from "vitest";
import { problemText } from "@/components/forms/form-problems";
import { emptyInputPort, emptyOutputPort, emptyValues, fieldForPath, fieldTarget } from "./form-model";
import { productFormProblems } from "./validate-product-form";

describe("product form problems", () => {
  it("finds the empty required fields, each at its control with the label the user reads", () => {
    const values = { ...emptyValues(""), outputPorts: [{ ...emptyOutputPort(), type: "table" as const }], inputPorts: [emptyInputPort()] };
    const problems = productFormProblems(values, "create");
    expect(problems.map((p) => [p.id, problemText(p)])).toEqual([
      ["product-name", "Name is required"],
      ["owning-team", "Owning team is required: choose the team that owns the product"],
      ["output-0-name", "Output port 1 name is required"],
      ["output-0-location", "Output port 1 table is required"],
      ["input-0-upstream", "Input port 1 product is required: search for the product this port reads"],
      ["input-0-name", "Input port 1 name is required"],
    ]);
  });

  it("applies the server's rules for port names and topics", () => {
    const values = { ...emptyValues("orders/order-platform"), name: "Order events", outputPorts: [{ ...emptyOutputPort(), name: "Order_Events", location: "orders.order events" }] };
    expect(productFormProblems(values, "create").map(problemText)).toEqual([
      "Output port 1 name: use lowercase letters, digits and single dashes (e.g. order-events)",
      "Output port 1 topic: Kafka topic names use letters, digits, '.', '_' and '-'",
    ]);
    expect(productFormProblems({ ...values, outputPorts: [{ ...values.outputPorts[0], name: "order-events", location: "orders.order-events.v1" }] }, "create")).toEqual([]);
  });

  it("puts what the server refused at the same controls", () => {
    const values = { ...emptyValues("orders/order-platform"), outputPorts: [{ ...emptyOutputPort(), type: "table" as const }] };
    expect(fieldTarget(fieldForPath("tags[2]"), values)).toEqual({ id: "product-tags", label: "Tags" });
    expect(fieldTarget(fieldForPath("outputPorts[0].table"), values)).toEqual({ id: "output-0-location", label: "Output port 1 table" });
    expect(fieldTarget(fieldForPath("inputPorts[1].from.product"), values)).toEqual({ id: "input-1-upstream", label: "Input port 2 product" });
    expect(fieldTarget(fieldForPath("domain"), values)).toEqual({ id: "owning-team", label: "Owning team" });
    expect(fieldTarget(fieldForPath("somethingElse"), values)).toBeUndefined();
  });
});
