"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { formatDateTime } from "@/components/ui/format-date";
import { secondaryButton } from "@/components/ui/field";
import type { ChainVerification } from "@/lib/audit/verify-audit-chain";

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "Verify chain": recomputes the tamper-evident chain on the server and shows the outcome, or the first broken link. */
export function VerifyChain() {
  const verify = useMutation({ mutationFn: () => apiRequest<ChainVerification>("/api/v1/audit/verify") });
  const result = verify.data;
  return (
    <Card className="p-4" testId="verify-chain">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Tamper evidence</h2>
          <p className="mt-0.5 text-xs text-slate-600">Each event carries the hash of the one sealed before it. Verifying recomputes every sealed event&apos;s hash from what is stored.</p>
        </div>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending} className={secondaryButton}>
          {verify.isPending ? "Verifying…" : "Verify chain"}
        </button>
      </div>
      {verify.isError && <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{errorMessage(verify.error)}</p>}
      {result && (
        <div role="status" data-testid="verify-result" className={`mt-3 rounded-md border px-3 py-2 text-sm ${result.ok ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-red-200 bg-red-50 text-red-800"}`}>
          {result.ok ? (
            <p>
              <strong>Chain intact.</strong> {count(result.sealed, "sealed event")} verified
              {result.head ? ` up to #${result.head.seq}` : ""}; {count(result.unsealed, "event")} not sealed yet (sealed within a second of commit, checked on the next run).
            </p>
          ) : (
            <p>
              <strong>Chain broken at #{result.firstBroken!.seq}.</strong> {result.firstBroken!.message}{" "}
              {result.firstBroken!.eventId && (
                <>
                  <Link href={`/audit/events/${result.firstBroken!.eventId}`} className="font-medium underline">
                    Open event {result.firstBroken!.eventId}
                  </Link>
                  .{" "}
                </>
              )}
              The {count(result.checked, "event")} before it verified; {count(result.sealed, "sealed event")} in all, {count(result.unsealed, "event")} not sealed yet.
            </p>
          )}
          <p className="mt-1 text-xs opacity-80">Verified {formatDateTime(result.verifiedAt)}</p>
        </div>
      )}
    </Card>
  );
}
