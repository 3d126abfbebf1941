"use client";

import { TabList } from "@/components/ui/tab-list";
import { useState } from "react";
import { DescriptorUpload, descriptorTemplate } from "./descriptor-upload";
import { emptyValues, teamValue, type TeamOption } from "./form-model";
import { ProductForm } from "./product-form";

const TABS = [
  { id: "form", label: "Fill in the form" },
  { id: "upload", label: "Upload descriptor" },
] as const;

/** The "register a data product" page body: the form, or a descriptor file upload. */
export function RegisterProduct({ teams }: { teams: TeamOption[] }) {
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("form");
  const first = teams[0];
  return (
    <div className="space-y-6">
      <TabList label="How to register" className="inline-flex rounded-lg border border-slate-200 bg-white p-1 shadow-sm">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
            className={`rounded-md px-4 py-1.5 text-sm font-medium transition ${tab === t.id ? "bg-brand-600 text-white shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </button>
        ))}
      </TabList>
      <div role="tabpanel" id="panel-form" aria-labelledby="tab-form" hidden={tab !== "form"}>
        <ProductForm mode="create" teams={teams} initial={emptyValues(teams.length === 1 ? teamValue(first) : "")} />
      </div>
      <div role="tabpanel" id="panel-upload" aria-labelledby="tab-upload" hidden={tab !== "upload"}>
        <DescriptorUpload template={descriptorTemplate(first?.domainSlug ?? "orders", first?.teamSlug ?? "order-platform")} />
      </div>
    </div>
  );
}
