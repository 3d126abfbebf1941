import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { MeshworkError } from "@/lib/errors";
import { checkSameOrigin } from "./check-same-origin";

const APP = new URL(env.NEXTAUTH_URL).origin;

function request(method: string, headers: Record<string, string>, body?: string) {
  return new Request(`${APP}/api/v1/tokens`, { method, headers: { host: new URL(APP).host, ...headers }, body });
}

function refusal(req: Request): string | null {
  try {
    checkSameOrigin(req);
    return null;
  } catch (error) {
    if (!(error instanceof MeshworkError)) throw error;
    expect(error.status).toBe(403);
    return error.code;
  }
}

describe("checkSameOrigin (session-cookie calls)", () => {
  it("refuses another Origin, Origin null and a cross-site or same-site Sec-Fetch-Site", () => {
    expect(refusal(request("POST", { origin: "https://evil.example", "content-type": "application/json" }, "{}"))).toBe("cross_site_request");
    expect(refusal(request("PATCH", { origin: "null", "content-type": "application/json" }, "{}"))).toBe("cross_site_request");
    expect(refusal(request("POST", { "sec-fetch-site": "cross-site", "content-type": "application/json" }, "{}"))).toBe("cross_site_request");
    expect(refusal(request("POST", { "sec-fetch-site": "same-site", "content-type": "application/json" }, "{}"))).toBe("cross_site_request");
    expect(refusal(request("DELETE", { origin: "https://evil.example" }))).toBe("cross_site_request");
    expect(refusal(request("GET", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" }))).toBe("cross_site_request");
  });

  it("accepts the app's own origin, the request's own host, same-origin and user-initiated requests", () => {
    expect(refusal(request("POST", { origin: APP, "sec-fetch-site": "same-origin", "content-type": "text/plain" }, "{}"))).toBeNull();
    expect(refusal(new Request("http://10.0.0.7:3000/api/v1/tokens", { method: "POST", headers: { host: "10.0.0.7:3000", origin: "http://10.0.0.7:3000", "content-type": "application/json" }, body: "{}" }))).toBeNull();
    expect(refusal(request("GET", { "sec-fetch-site": "none" }))).toBeNull();
    expect(refusal(request("GET", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" }))).toBeNull();
  });

  it("without Origin and Sec-Fetch-Site, accepts only JSON or YAML bodies", () => {
    expect(refusal(request("POST", { "content-type": "application/x-www-form-urlencoded" }, "name=x"))).toBe("cross_site_request");
    expect(refusal(request("POST", { "content-type": "text/plain" }, "{}"))).toBe("cross_site_request");
    expect(refusal(request("PUT", { "content-type": "multipart/form-data; boundary=x" }, "--x--"))).toBe("cross_site_request");
    expect(refusal(request("PATCH", {}, "{}"))).toBe("cross_site_request");
    expect(refusal(request("POST", { "content-type": "application/json; charset=utf-8" }, "{}"))).toBeNull();
    expect(refusal(request("POST", { "content-type": "application/yaml" }, "a: 1"))).toBeNull();
    expect(refusal(request("POST", { "content-type": "text/yaml" }, "a: 1"))).toBeNull();
    expect(refusal(request("POST", {}))).toBeNull();
    expect(refusal(request("DELETE", {}))).toBeNull();
    expect(refusal(request("GET", {}))).toBeNull();
  });
});
