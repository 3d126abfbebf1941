import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export function NoContractYet({ canPublish, editHref, portName }: { canPublish: boolean; editHref: string; portName: string }) {
  return (
    <EmptyState
      testId="no-contract"
      title={`${portName} has no data contract yet`}
      icon={
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
          <path d="M5 2.5h7l3.5 3.5v11.5H5z" />
          <path d="M12 2.5V6h3.5M7.5 10h5M7.5 13h5" strokeLinecap="round" />
        </svg>
      }
      action={
        canPublish ? (
          <Link href={editHref} className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700" data-testid="create-from-template">
            Create from template
          </Link>
        ) : undefined
      }
    >
      <p>
        A data contract is the promise the owning team makes to its consumers: the schema of every record (field names, types, which are required), what the fields mean, the quality rules the data meets and the service
        levels it is delivered with. Meshwork checks each new version for breaking changes before it goes live and registers its schema for producers and consumers.
      </p>
      {!canPublish && <p className="mt-2">Ask the owning team to publish one.</p>}
    </EmptyState>
  );
}
