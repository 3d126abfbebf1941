import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api-docs/openapi-document";

// The API description is public, like any published API reference.
export const GET = () => NextResponse.json(openApiDocument());
