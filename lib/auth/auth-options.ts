import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { demoLogin, env } from "@/lib/env";
import { authSecret } from "./auth-secret";
import { endSession, isSessionLive } from "./end-session";
import { gitHubProvider, oidcProvider } from "./oidc-provider-config";
import { verifyPassword } from "./passwords";
import { ssoSignIn } from "./sso-sign-in";
import { startSession } from "./start-session";

function providers(): Provider[] {
  const list: Provider[] = [];
  // Password sign-in exists for the seeded demo accounts only, so only in demo mode with MESHWORK_DEMO_LOGIN on.
  if (demoLogin) {
    list.push(CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!demoLogin || !credentials?.email || !credentials.password) return null;
        const user = await db.user.findUnique({ where: { email: credentials.email.toLowerCase() }, omit: { passwordHash: false } });
        if (!user?.passwordHash || !(await verifyPassword(credentials.password, user.passwordHash))) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }));
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    list.push(oidcProvider({ issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, name: env.OIDC_NAME }));
  }
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    list.push(gitHubProvider({ clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET }));
  }
  return list;
}

export const authOptions: NextAuthOptions = {
  // Read when next-auth first needs it, so `next build` needs no secret; servers check it at start (instrumentation.ts).
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // next-auth's errors land on Meshwork's sign-in page, which explains each ?error= code.
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider === "credentials") return true;
      // Single sign-on: linked by issuer + sub; sets user.id to the Meshwork user, or names why it may not sign in.
      return account ? ssoSignIn({ user, account, profile }) : false;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        token.sub = user.id;
        // The server-side session this cookie belongs to: signing out deletes it, and sessionActor checks it.
        token.sid = await startSession(token.sub);
      }
      return token;
    },
    async session({ session, token }) {
      // A signed-out session's cookie gets an empty session from /api/auth/session too, not only from our own checks.
      if (!(await isSessionLive(token.sid))) return {} as typeof session;
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      (session as { sid?: unknown }).sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      await endSession(typeof token?.sid === "string" ? token.sid : undefined);
    },
  },
};
