import { notFoundApiPath } from "@/lib/http/not-found-api-path";

// Any /api/v1 path no route serves: a JSON error like every other API answer, not the HTML 404 page.
export const GET = notFoundApiPath;
export const POST = notFoundApiPath;
export const PUT = notFoundApiPath;
export const PATCH = notFoundApiPath;
export const DELETE = notFoundApiPath;
