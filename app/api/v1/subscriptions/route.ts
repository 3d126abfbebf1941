import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { searchParamsObject } from "@/lib/http/search-params";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";

export const GET = apiRoute(async ({ request, actor }) => listSubscriptions(actor, searchParamsObject(request.url)));

// A retried create answers as the first one did, marked as a replay (as Stripe's Idempotent-Replayed).
export const POST = apiRoute(async ({ request, actor }) => {
  const { subscription, replayed } = await requestSubscription(actor, await readJsonBody(request), { idempotencyKey: request.headers.get("idempotency-key") });
  return NextResponse.json(subscription, { status: 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
