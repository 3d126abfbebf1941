import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { withLoginThrottle } from "@/lib/http/throttle-sign-in";

const handler = withLoginThrottle<NextRequest>(NextAuth(authOptions));
export { handler as GET, handler as POST };
