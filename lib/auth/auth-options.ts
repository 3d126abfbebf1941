import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { db } from "@/lib/db";
import { demoLogin, env } from "@/lib/env";
import { authSecret } from "./auth-secret";
import { endSession } from "./end-session";
import { verifyPassword } from "./passwords";
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
    list.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile: (p: { sub: string; name?: string; preferred_username?: string; email?: string }) => ({
        id: p.sub,
        name: p.name ?? p.preferred_username ?? p.email ?? p.sub,
        email: p.email ?? null,
      }),
    });
  }
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    list.push(GitHubProvider({ clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET }));
  }
  return list;
}

// Users signing in through an identity provider get a Meshwork user by e-mail on first sign-in.
async function meshworkUserIdFor(email: string, name: string): Promise<string> {
  const user = await db.user.upsert({ where: { email: email.toLowerCase() }, update: {}, create: { email: email.toLowerCase(), name } });
  return user.id;
}

export const authOptions: NextAuthOptions = {
  // Read when next-auth first needs it, so `next build` needs no secret; servers check it at start (instrumentation.ts).
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider === "credentials") return true;
      return Boolean(user.email);
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        token.sub = account.provider === "credentials" ? user.id : await meshworkUserIdFor(user.email!, user.name ?? user.email!);
        // The server-side session this cookie belongs to: signing out deletes it, and sessionActor checks it.
        token.sid = await startSession(token.sub);
      }
      return token;
    },
    async session({ session, token }) {
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
