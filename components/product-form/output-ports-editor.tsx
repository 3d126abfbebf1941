"use client";

import { PortTypeIcon } from "@/components/ui/port-type-icon";
import type { FormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, secondaryButton } from "@/components/ui/field";
import { emptyOutputPort, type OutputPortRow } from "./form-model";
import { RowLabel } from "./row-label";

type Props = { rows: OutputPortRow[]; onChange: (rows: OutputPortRow[]) => void; form: FormValidation };

export function OutputPortsEditor({ rows, onChange, form }: Props) {
  const update = (index: number, patch: Partial<OutputPortRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const topicPorts = rows.filter((r) => r.type === "kafka_topic" && r.name.trim());

  function remove(index: number) {
    const removed = rows[index];
    // A table materialized from the removed topic port would point at nothing.
    onChange(rows.filter((_, i) => i !== index).map((r) => (r.materializedFrom === removed.name ? { ...r, materializedFrom: "" } : r)));
  }

  return (
    <div className="space-y-3" data-testid="output-ports">
      {rows.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 px-4 py-5 text-center text-sm text-slate-500">No output ports yet. Most products have a Kafka topic and a table materialized from it.</p>}
      {rows.map((row, i) => {
        const n = i + 1;
        const id = (f: string) => `output-${i}-${f}`;
        const err = (f: string) => form.error(id(f));
        const isTopic = row.type === "kafka_topic";
        return (
          <fieldset key={row.key} className="rounded-lg border border-slate-200 bg-slate-50/60 p-4" data-testid={`output-port-${n}`}>
            <legend className="sr-only">Output port {n}</legend>
            <div className="mb-3 flex items-center justify-between">
              <span className="inline-flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                <PortTypeIcon type={row.type} className="h-4 w-4 text-slate-400" />
                Output port {n}
              </span>
              <button type="button" onClick={() => remove(i)} className="text-xs font-medium text-slate-500 hover:text-red-600" aria-label={`Remove output port ${n}`}>
                Remove
              </button>
            </div>
            <div className="grid gap-3 md:grid-cols-12">
              <Field id={id("name")} label={<RowLabel visible="Name" full={`Output port ${n} name`} />} error={err("name")} required className="md:col-span-3">
                <input id={id("name")} value={row.name} onChange={(e) => update(i, { name: e.target.value })} placeholder="order-events" className={inputClass} {...form.control(id("name"), { required: true })} />
              </Field>
              <Field id={id("type")} label={<RowLabel visible="Type" full={`Output port ${n} type`} />} error={err("type")} className="md:col-span-3">
                <select
                  id={id("type")}
                  value={row.type}
                  onChange={(e) => update(i, { type: e.target.value as OutputPortRow["type"], materializedFrom: "" })}
                  className={inputClass}
                  {...form.control(id("type"))}
                >
                  <option value="kafka_topic">Kafka topic</option>
                  <option value="table">Table</option>
                </select>
              </Field>
              <Field
                id={id("location")}
                label={<RowLabel visible={isTopic ? "Topic" : "Table"} full={`Output port ${n} ${isTopic ? "topic" : "table"}`} />}
                error={err("location")}
                required
                className={isTopic ? "md:col-span-6" : "md:col-span-3"}
              >
                <input
                  id={id("location")}
                  value={row.location}
                  onChange={(e) => update(i, { location: e.target.value })}
                  placeholder={isTopic ? "orders.order-events.v1" : "orders.order_events"}
                  className={`${inputClass} font-mono`}
                  {...form.control(id("location"), { required: true })}
                />
              </Field>
              {!isTopic && (
                <Field id={id("materializedFrom")} label={<RowLabel visible="Materialized from" full={`Output port ${n} materialized from`} />} error={err("materializedFrom")} className="md:col-span-3">
                  <select
                    id={id("materializedFrom")}
                    value={row.materializedFrom}
                    onChange={(e) => update(i, { materializedFrom: e.target.value })}
                    className={inputClass}
                    {...form.control(id("materializedFrom"))}
                  >
                    <option value="">— not materialized —</option>
                    {topicPorts.map((t) => (
                      <option key={t.key} value={t.name}>
                        {t.name}
                      </option>
                    ))}
                    {row.materializedFrom && !topicPorts.some((t) => t.name === row.materializedFrom) && <option value={row.materializedFrom}>{row.materializedFrom} (missing)</option>}
                  </select>
                </Field>
              )}
              <Field id={id("description")} label={<RowLabel visible="Description (optional)" full={`Output port ${n} description`} />} error={err("description")} className="md:col-span-12">
                <input id={id("description")} value={row.description} onChange={(e) => update(i, { description: e.target.value })} placeholder="What this port carries and how often it updates" className={inputClass} {...form.control(id("description"))} />
              </Field>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButton} onClick={() => onChange([...rows, emptyOutputPort()])}>
          <span aria-hidden>+</span> Add output port
        </button>
      </div>
    </div>
  );
}
