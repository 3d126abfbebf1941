import Link from "next/link";
import { TabList } from "@/components/ui/tab-list";

export type AdminTab = "organisation" | "people";
const TABS: { id: AdminTab; label: string }[] = [
  { id: "organisation", label: "Domains and teams" },
  { id: "people", label: "People" },
];

export function AdminTabs({ current }: { current: AdminTab }) {
  return (
    <TabList label="Admin sections" className="flex gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link key={t.id} role="tab" aria-selected={t.id === current} tabIndex={t.id === current ? 0 : -1} href={`/admin?tab=${t.id}`} className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.id === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
          {t.label}
        </Link>
      ))}
    </TabList>
  );
}
