import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { previewRenewal, renewSubscription } from "@/lib/subscriptions/renew-subscription";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => previewRenewal(actor, params.id));

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => NextResponse.json(await renewSubscription(actor, params.id, await readJsonBody(request, { whenEmpty: {} })), { status: 201 }));
