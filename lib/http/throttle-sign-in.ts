import { loginThrottle } from "@/lib/auth/login-throttle";

type Context = { params: Promise<{ nextauth?: string[] }> };
type Handler<R extends Request> = (request: R, context: Context) => Promise<Response>;

const SESSION_COOKIE = /(^|[_-])next-auth\.session-token(\.\d+)?=[^;]/;

/** The client's address: the last X-Forwarded-For hop, which Next sets from the socket (or the nearest proxy appended). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",").pop()?.trim() || "unknown";
}

function tooManyAttempts(request: Request, seconds: number): Response {
  const message = `Too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minute(s).`;
  // next-auth's signIn() reads `url` from the JSON answer; its `error` parameter tells the sign-in form what happened.
  const url = new URL("/sign-in?error=TooManyAttempts", request.url).toString();
  return Response.json({ url, error: { code: "too_many_requests", message, details: [] } }, { status: 429, headers: { "retry-after": String(seconds) } });
}

/**
 * Wraps next-auth's route handler: password sign-ins (POST /api/auth/callback/credentials) are refused with 429 and
 * Retry-After while the throttle says so, and their outcome is counted. A failure is next-auth's 401; a success is
 * an answer that sets the session cookie (a redirect alone, e.g. for a bad CSRF token, is neither).
 */
export function withLoginThrottle<R extends Request>(handler: Handler<R>): Handler<R> {
  return async (request, context) => {
    const action = (await context.params).nextauth;
    if (request.method !== "POST" || action?.[0] !== "callback" || action[1] !== "credentials") return handler(request, context);
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const password = form?.get("password");
    if (typeof email !== "string" || !email || typeof password !== "string" || !password) return handler(request, context);

    const throttle = loginThrottle();
    const address = clientAddress(request);
    const wait = throttle.retryAfter(email, address);
    if (wait !== null) return tooManyAttempts(request, wait);
    const response = await handler(request, context);
    if (response.status === 401) throttle.failed(email, address);
    else if (response.headers.getSetCookie().some((cookie) => SESSION_COOKIE.test(cookie))) throttle.succeeded(email, address);
    return response;
  };
}
