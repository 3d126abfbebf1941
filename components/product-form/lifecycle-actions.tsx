"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/ui/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { ImpactList } from "@/components/lineage/impact-list";
import type { ProductImpact } from "@/lib/lineage/analyze-impact";

type Status = "draft" | "published" | "deprecated" | "retired";
type Change = { status: "published" } | { status: "retired" } | { status: "deprecated"; reason: string; sunsetDate: string };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Publish / Deprecate / Retire buttons for the transitions the server allows from the current status. */
export function LifecycleActions({ productId, productName, status, transitions, subscribingTeams = 0 }: { productId: string; productName: string; status: Status; transitions: Status[]; subscribingTeams?: number }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"deprecate" | "retire" | null>(null);
  const [reason, setReason] = useState("");
  const [sunsetDate, setSunsetDate] = useState(() => isoDay(new Date(Date.now() + 90 * 86_400_000)));

  const today = isoDay(new Date());
  const form = useFormValidation(
    collectProblems([
      ["deprecation-reason", "Reason", reason.trim().length < 5 ? (reason.trim() ? "must be at least 5 characters: say why the product is deprecated" : "is required: say why the product is deprecated") : reason.length > 2000 ? "must be at most 2000 characters" : undefined],
      ["sunset-date", "Sunset date", !sunsetDate ? "is required: the day the product will be retired" : sunsetDate < today ? "must be today or later" : undefined],
    ]),
  );
  const change = useMutation({
    mutationFn: (body: Change) => apiRequest(`/api/v1/data-products/${productId}/status`, { method: "POST", json: body }),
    onSuccess: () => {
      setDialog(null);
      router.refresh();
    },
    onError: (error, body) => {
      if (body.status !== "deprecated") return;
      form.serverError(error, fieldTargets({ reason: { id: "deprecation-reason", label: "Reason" }, sunsetDate: { id: "sunset-date", label: "Sunset date" } }));
    },
  });
  // What deprecating reaches downstream: products, subscribing teams and the fields read through field lineage.
  const impact = useQuery({
    queryKey: ["product-impact", productId],
    queryFn: () => apiRequest<ProductImpact>(`/api/v1/lineage/impact?product=${encodeURIComponent(productId)}`),
    enabled: dialog === "deprecate",
    retry: false,
  });

  const open = (which: "deprecate" | "retire") => {
    change.reset();
    form.reset();
    setDialog(which);
  };

  return (
    <>
      {transitions.includes("published") && (
        <button type="button" disabled={change.isPending} onClick={() => change.mutate({ status: "published" })} className={`${primaryButton} px-3! py-1.5!`} title={status === "deprecated" ? "Withdraw the deprecation and publish again" : "Make it visible to everyone in the catalog"}>
          {change.isPending && !dialog ? "Publishing…" : status === "deprecated" ? "Publish again" : "Publish"}
        </button>
      )}
      {transitions.includes("deprecated") && (
        <button type="button" onClick={() => open("deprecate")} className={`${secondaryButton} px-3! py-1.5! text-amber-800! dark:text-amber-300!`}>
          Deprecate
        </button>
      )}
      {transitions.includes("retired") && (
        <button type="button" onClick={() => open("retire")} className={`${secondaryButton} px-3! py-1.5! text-red-700! dark:text-red-300!`}>
          Retire
        </button>
      )}
      {change.error && !dialog && (
        <p role="alert" className="w-full text-sm text-red-600" data-testid="lifecycle-error">
          {change.error.message}
        </p>
      )}

      <Modal open={dialog === "deprecate"} onClose={() => setDialog(null)} title={`Deprecate ${productName}`} description="Consumers see the reason and the sunset date, and are warned to move off before then." testId="deprecate-dialog">
        <form className="space-y-4" {...form.formProps(() => change.mutate({ status: "deprecated", reason, sunsetDate }))}>
          <ErrorSummary focusKey={form.focusKey} problems={form.summary} intro="The product was not deprecated." testId="deprecate-errors" headingLevel={3} />
          {subscribingTeams > 0 && (
            <p role="note" data-testid="deprecate-subscribers-warning" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
              <strong className="font-medium">
                {subscribingTeams} subscribing team{subscribingTeams === 1 ? "" : "s"}
              </strong>{" "}
              read{subscribingTeams === 1 ? "s" : ""} from this product today. They will see the reason and the sunset date; tell them where to move.
            </p>
          )}
          {impact.isPending && dialog === "deprecate" && <p className="text-sm text-slate-700">Working out what reads this product…</p>}
          {impact.isError && <p className="text-sm text-slate-700">What reads this product could not be worked out: {impact.error.message}</p>}
          {impact.data && <ImpactList summary={impact.data.summary} fields={impact.data.fields} downstream={impact.data.downstream} impacted={impact.data.impacted} heading="What this deprecation reaches" headingLevel={3} />}
          <Field id="deprecation-reason" label="Reason" required error={form.error("deprecation-reason")} hint="E.g. “Replaced by order-events v2, which carries currency.”">
            <textarea id="deprecation-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} {...form.control("deprecation-reason", { hint: true, required: true })} />
          </Field>
          <Field id="sunset-date" label="Sunset date" required error={form.error("sunset-date")} hint="The day the product will be retired.">
            <input id="sunset-date" type="date" value={sunsetDate} min={today} onChange={(e) => setSunsetDate(e.target.value)} className={inputClass} {...form.control("sunset-date", { hint: true, required: true })} />
          </Field>
          <div className="flex justify-end gap-2 pt-1">
            <button type="button" onClick={() => setDialog(null)} className={secondaryButton}>
              Cancel
            </button>
            <button type="submit" disabled={change.isPending} className={primaryButton}>
              {change.isPending ? "Deprecating…" : "Deprecate product"}
            </button>
          </div>
        </form>
      </Modal>

      <ConfirmDialog
        open={dialog === "retire"}
        onClose={() => setDialog(null)}
        onConfirm={() => change.mutate({ status: "retired" })}
        title={`Retire ${productName}?`}
        description={<>A retired product disappears from search and can no longer be edited or read from by new input ports. <strong className="font-medium text-slate-800">This cannot be undone.</strong></>}
        testId="retire-dialog"
        confirmLabel="Retire product"
        pendingLabel="Retiring…"
        pending={change.isPending}
        error={change.error?.message}
      />
    </>
  );
}
