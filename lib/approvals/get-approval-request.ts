import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { loadApprovalView } from "./approval-view";

/** One approval request with its chain, for those who may follow it (a hidden one is reported as not found). */
export async function getApprovalRequest(actor: Actor, id: string) {
  const view = isUuid(id) ? await loadApprovalView(db, actor, { id }) : null;
  if (!view) throw notFound(`Approval request ${id}`);
  return view;
}
