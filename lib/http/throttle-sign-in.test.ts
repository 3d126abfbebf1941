import { describe, expect, it } from "vitest";
import { clientAddress, withLoginThrottle } from "./throttle-sign-in";

const params = (nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });

function signInRequest(email: string, password: string, address: string) {
  return new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": address },
    body: new URLSearchParams({ email, password, csrfToken: "t", json: "true" }),
  });
}

// Stands in for next-auth: the demo password signs in (setting the session cookie), anything else is a 401.
const nextAuth = withLoginThrottle(async (request: Request) => {
  const form = await request.formData();
  if (form.get("password") === "right") return new Response('{"url":"/"}', { headers: { "set-cookie": "next-auth.session-token=abc; Path=/; HttpOnly" } });
  return new Response('{"url":"/api/auth/error?error=CredentialsSignin"}', { status: 401 });
});

describe("the sign-in route's throttle", () => {
  it("answers 429 with Retry-After after five wrong passwords, and lets the body through to next-auth until then", async () => {
    const email = `t-${Math.random()}@example.com`;
    for (let i = 0; i < 5; i++) expect((await nextAuth(signInRequest(email, "wrong", "192.0.2.10"), params(["callback", "credentials"]))).status).toBe(401);
    const answer = await nextAuth(signInRequest(email, "right", "192.0.2.10"), params(["callback", "credentials"]));
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await answer.json()).url).toBe("http://localhost/sign-in?error=TooManyAttempts");
    expect((await nextAuth(signInRequest(email, "right", "192.0.2.11"), params(["callback", "credentials"]))).status).toBe(200);
  });

  it("leaves every other next-auth route alone", async () => {
    const email = `t-${Math.random()}@example.com`;
    for (let i = 0; i < 8; i++) expect((await nextAuth(signInRequest(email, "wrong", "192.0.2.20"), params(["callback", "oidc"]))).status).toBe(401);
  });

  it("takes the client address from the last X-Forwarded-For hop", () => {
    expect(clientAddress(new Request("http://x/", { headers: { "x-forwarded-for": "1.2.3.4, 10.0.0.1" } }))).toBe("10.0.0.1");
    expect(clientAddress(new Request("http://x/"))).toBe("unknown");
  });
});
