import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { requestReconciliation } from "@/lib/provisioning/request-reconciliation";

export const POST = apiRoute(async ({ actor }) => {
  const { run, queued } = await requestReconciliation(actor);
  return NextResponse.json({ run, queued }, { status: 202 });
});
