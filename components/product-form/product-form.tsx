"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { apiRequest } from "@/components/ui/api-request";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, primaryButton, RequiredNote, secondaryButton } from "@/components/ui/field";
import { CLASSIFICATIONS, fieldForPath, fieldTarget, teamValue, toDescriptor, updateBody, type ProductFormValues, type TeamOption } from "./form-model";
import { productFormProblems } from "./validate-product-form";
import { InputPortsEditor } from "./input-ports-editor";
import { OutputPortsEditor } from "./output-ports-editor";
import { TagInput } from "./tag-input";

type Props =
  | { mode: "create"; teams: TeamOption[]; initial: ProductFormValues }
  | { mode: "edit"; initial: ProductFormValues; product: { id: string; urn: string; url: string; teamLabel: string } };

type Created = { id: string; urn: string; slug: string; domain: string };

/** The data product form, shared by "register" (POST) and "edit" (PATCH of the changed fields only). */
export function ProductForm(props: Props) {
  const router = useRouter();
  const [values, setValues] = useState<ProductFormValues>(props.initial);
  const form = useFormValidation(productFormProblems(values, props.mode));
  const set = <K extends keyof ProductFormValues>(key: K, value: ProductFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = useMutation({
    mutationFn: async (): Promise<string> => {
      if (props.mode === "create") {
        const created = await apiRequest<Created>("/api/v1/data-products", { method: "POST", json: toDescriptor(values) });
        return `/products/${created.domain}/${created.slug}`;
      }
      await apiRequest(`/api/v1/data-products/${props.product.id}`, { method: "PATCH", json: updateBody(props.initial, values) });
      return props.product.url;
    },
    onSuccess: (url) => {
      router.push(url);
      router.refresh();
    },
    onError: (error) => form.serverError(error, (path) => fieldTarget(fieldForPath(path), values), "Something went wrong; nothing was saved."),
  });

  const errors = form.error;
  const classification = CLASSIFICATIONS.find((c) => c.value === values.classification)!;

  return (
    <form {...form.formProps(() => save.mutate())} className="space-y-6 [&_:is(input,select,textarea,button,a)]:scroll-mb-28" data-testid="product-form">
      <ErrorSummary focusKey={form.focusKey} problems={form.summary} intro="Nothing was saved yet." />
      <RequiredNote />

      <FormSection title="About the product" description="How people find it in search and recognise it in lineage.">
        <div className="grid gap-5 md:grid-cols-2">
          <Field id="product-name" label="Name" required error={errors("product-name")} hint={props.mode === "create" ? "The URL and URN are derived from it, e.g. “Order events” → order-events." : undefined}>
            <input id="product-name" value={values.name} onChange={(e) => set("name", e.target.value)} placeholder="Order events" className={inputClass} autoFocus={props.mode === "create"} {...form.control("product-name", { hint: props.mode === "create", required: true })} />
          </Field>
          {props.mode === "create" ? (
            <Field id="owning-team" label="Owning team" required error={errors("owning-team")} hint="The team accountable for this product.">
              <select id="owning-team" value={values.team} onChange={(e) => set("team", e.target.value)} className={inputClass} {...form.control("owning-team", { hint: true, required: true })}>
                {props.teams.length > 1 && <option value="">Choose a team…</option>}
                {groupByDomain(props.teams).map(([domain, teams]) => (
                  <optgroup key={domain} label={domain}>
                    {teams.map((t) => (
                      <option key={teamValue(t)} value={teamValue(t)}>
                        {t.teamName}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </Field>
          ) : (
            <div>
              <span className="mb-1 block text-sm font-medium text-slate-700">Owning team</span>
              <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">{props.product.teamLabel}</p>
              <p className="mt-1 text-xs text-slate-500">
                URN <span className="font-mono">{props.product.urn}</span>
              </p>
            </div>
          )}
          <Field id="product-description" label="Description" error={errors("product-description")} hint="What the data is, where it comes from and what it is good for. Markdown is fine." className="md:col-span-2">
            <textarea id="product-description" rows={4} value={values.description} onChange={(e) => set("description", e.target.value)} className={inputClass} {...form.control("product-description", { hint: true })} />
          </Field>
          <Field id="product-tags" label="Tags" error={errors("product-tags")} hint="Press Enter or comma after each tag: lowercase words, up to 40 characters." className="md:col-span-2">
            <TagInput id="product-tags" value={values.tags} onChange={(tags) => set("tags", tags)} error={errors("product-tags")} />
          </Field>
        </div>
      </FormSection>

      <FormSection title="Classification" description="Decides who must approve access. Classify by the most sensitive field.">
        <div className="grid gap-5 md:grid-cols-3">
          <Field id="classification" label="Classification" error={errors("classification")}>
            <select id="classification" value={values.classification} onChange={(e) => set("classification", e.target.value as ProductFormValues["classification"])} className={inputClass} aria-describedby="classification-explanation">
              {CLASSIFICATIONS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
            <p id="classification-explanation" className="sr-only">
              {classification.explanation}
            </p>
          </Field>
          <ul className="space-y-1 text-sm md:col-span-2 md:mt-6" data-testid="classification-explanations">
            {CLASSIFICATIONS.map((c) => (
              <li key={c.value} className={`flex gap-2 rounded-md px-2.5 py-1 ${c.value === values.classification ? "bg-brand-50 text-brand-700 ring-1 ring-inset ring-brand-600/15" : "text-slate-500"}`}>
                <span className="w-24 shrink-0 font-medium">{c.label}</span>
                <span>{c.explanation}</span>
              </li>
            ))}
          </ul>
          <div className="flex items-start gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3 md:col-span-3">
            <input id="contains-personal-data" type="checkbox" checked={values.containsPersonalData} onChange={(e) => set("containsPersonalData", e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600" />
            <label htmlFor="contains-personal-data" className="text-sm">
              <span className="font-medium text-slate-800">Contains personal data</span>
              <span className="block text-xs text-slate-500">Names, e-mails, addresses, customer ids… Subscriptions then also need a steward’s approval.</span>
            </label>
          </div>
        </div>
      </FormSection>

      <FormSection title="Output ports" description="What consumers read: a Kafka topic (stream) and/or a table, usually materialized from the topic.">
        <OutputPortsEditor rows={values.outputPorts} onChange={(rows) => set("outputPorts", rows)} form={form} />
      </FormSection>

      <FormSection title="Input ports" description="The upstream products this one is built from.">
        <InputPortsEditor rows={values.inputPorts} onChange={(rows) => set("inputPorts", rows)} form={form} excludeUrn={props.mode === "edit" ? props.product.urn : undefined} />
      </FormSection>

      <div className="sticky bottom-0 -mx-1 flex items-center justify-end gap-3 border-t border-slate-200 bg-slate-50/95 px-1 py-4 backdrop-blur">
        {props.mode === "edit" && (
          <Link href={props.product.url} className={secondaryButton}>
            Cancel
          </Link>
        )}
        <button type="submit" disabled={save.isPending || save.isSuccess} className={primaryButton}>
          {save.isPending ? "Saving…" : props.mode === "create" ? "Register data product" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

function FormSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-0.5 text-sm text-slate-500">{description}</p>
      <div className="mt-5">{children}</div>
    </section>
  );
}

function groupByDomain(teams: TeamOption[]): [string, TeamOption[]][] {
  const groups = new Map<string, TeamOption[]>();
  for (const t of teams) groups.set(t.domainName, [...(groups.get(t.domainName) ?? []), t]);
  return [...groups];
}
