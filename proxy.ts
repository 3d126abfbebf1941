import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from "@/lib/http/security-headers";
import { hasUndecodableEscape, undecodablePathResponse } from "@/lib/http/undecodable-path";

// Every page and API response gets the security headers; Next reads the nonce from the request's
// Content-Security-Policy header and puts it on its own scripts, which is why pages render dynamically.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  // The page a signed-out visitor asked for, so the sign-in page can send them back to it.
  headers.set("x-meshwork-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = hasUndecodableEscape(request.nextUrl.pathname) ? undecodablePathResponse(request.nextUrl.pathname) : NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build assets carry no page of their own; everything else (pages, /api, RSC requests) is covered.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
