import Link from "next/link";
import { TabList } from "@/components/ui/tab-list";

export type ContractTab = "contract" | "yaml" | "versions";

const TABS: { id: ContractTab; label: string }[] = [
  { id: "contract", label: "Contract" },
  { id: "yaml", label: "YAML" },
  { id: "versions", label: "Versions" },
];

export function ContractTabs({ current, hrefFor, versionCount }: { current: ContractTab; hrefFor: (tab: ContractTab) => string; versionCount: number }) {
  return (
    <TabList label="Contract views" className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((t) => {
        const selected = t.id === current;
        return (
          <Link
            key={t.id}
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            href={hrefFor(t.id)}
            scroll={false}
            data-testid={`tab-${t.id}`}
            className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium ${selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"}`}
          >
            {t.label}
            {t.id === "versions" && <span className={`rounded-full px-1.5 text-xs ${selected ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}>{versionCount}</span>}
          </Link>
        );
      })}
    </TabList>
  );
}
