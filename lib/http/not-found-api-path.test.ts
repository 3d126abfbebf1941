import { describe, expect, it } from "vitest";
import { callRoute } from "@/lib/testing/call-route";

describe("a path no /api/v1 route serves", () => {
  it("is a JSON 404 naming the method and path, for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const response = await callRoute("api/v1/[...unknown]", method, { params: { unknown: "bogus" } });
      expect(response.status, method).toBe(404);
      const body = await response.json();
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toBe(`There is no API endpoint ${method} /api/v1/bogus; the endpoints are listed in /api/v1/openapi.json.`);
    }
  });
});
