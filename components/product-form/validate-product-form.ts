import { slugProblem, TABLE_MESSAGE, TABLE_PATTERN, TOPIC_MESSAGE, TOPIC_PATTERN } from "@/lib/catalog/descriptor-rules";
import { length, type FormProblem } from "@/components/forms/form-problems";
import { fieldTarget, type ProductFormValues } from "./form-model";

function locationProblem(type: "kafka_topic" | "table", location: string): string | undefined {
  const value = location.trim();
  if (!value) return "is required";
  if (type === "kafka_topic") return value.length > 249 ? "must be at most 249 characters" : TOPIC_PATTERN.test(value) ? undefined : TOPIC_MESSAGE;
  return value.length > 200 ? "must be at most 200 characters" : TABLE_PATTERN.test(value) ? undefined : TABLE_MESSAGE;
}

/** What the browser can tell is wrong with the product form before sending it, by the server's own rules (descriptor-rules.ts). */
export function productFormProblems(values: ProductFormValues, mode: "create" | "edit"): FormProblem[] {
  const found: [field: string, message: string | undefined][] = [
    ["name", length(values.name, 2, 120)],
    ["team", mode === "create" && !values.team ? "is required: choose the team that owns the product" : undefined],
    ["description", values.description.length > 5000 ? "must be at most 5000 characters" : undefined],
  ];
  values.outputPorts.forEach((port, i) => {
    found.push([`outputPorts.${i}.name`, slugProblem(port.name.trim())], [`outputPorts.${i}.location`, locationProblem(port.type, port.location)]);
  });
  values.inputPorts.forEach((port, i) => {
    if (port.hidden) return;
    found.push(
      [`inputPorts.${i}.upstream`, port.upstream ? undefined : "is required: search for the product this port reads"],
      [`inputPorts.${i}.port`, port.upstream && !port.port ? "is required: choose the output port it reads" : undefined],
      [`inputPorts.${i}.name`, slugProblem(port.name.trim())],
    );
  });
  return found.filter((f): f is [string, string] => !!f[1]).map(([field, message]) => ({ ...fieldTarget(field, values)!, message }));
}
