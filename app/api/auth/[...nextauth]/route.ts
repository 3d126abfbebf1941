import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { withSsoLinking } from "@/lib/http/sso-link-handler";
import { withLoginThrottle } from "@/lib/http/throttle-sign-in";

// withSsoLinking: a signed-in person coming back from single sign-on links that identity to their account.
const handler = withLoginThrottle<NextRequest>(withSsoLinking(authOptions));
export { handler as GET, handler as POST };
