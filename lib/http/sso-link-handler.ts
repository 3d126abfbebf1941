import NextAuth, { type NextAuthOptions } from "next-auth";
import type { NextRequest } from "next/server";
import { sessionActor } from "@/lib/auth/authenticate-request";
import { ssoSignIn } from "@/lib/auth/sso-sign-in";

type Context = { params: Promise<{ nextauth?: string[] }> };

/**
 * next-auth's route handler, aware of explicit links: someone already signed in who comes back from their
 * single sign-on provider (they started it from Account → Single sign-on; the sign-in page sends signed-in
 * people away) links that identity to their own account, even one with a password.
 */
export function withSsoLinking(options: NextAuthOptions) {
  return async (request: NextRequest, context: Context): Promise<Response> => {
    const action = (await context.params).nextauth;
    if (action?.[0] === "callback" && action[1] && action[1] !== "credentials") {
      const actor = await sessionActor();
      if (actor) {
        const linking: NextAuthOptions = {
          ...options,
          callbacks: {
            ...options.callbacks,
            signIn: ({ user, account, profile }) => (account ? ssoSignIn({ user, account, profile }, undefined, { linkToUserId: actor.id }) : false),
          },
        };
        return NextAuth(request, context as never, linking);
      }
    }
    return NextAuth(request, context as never, options);
  };
}
