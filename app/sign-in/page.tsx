import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { sessionActor } from "@/lib/auth/authenticate-request";
import { authOptions } from "@/lib/auth/auth-options";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { signInErrorMessage } from "@/lib/auth/sign-in-error-message";
import { demoLogin, env } from "@/lib/env";
import { DEMO_USERS } from "@/lib/demo/demo-users";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; reason?: string }> }) {
  const { callbackUrl, error, reason } = await searchParams;
  // Back to the page that was asked for, never to another site.
  const returnTo = safeCallbackPath(callbackUrl);
  if (await sessionActor()) redirect(returnTo);
  const external = authOptions.providers.filter((p) => p.id !== "credentials").map((p) => ({ id: p.id, name: p.name }));
  const demo = demoLogin ? DEMO_USERS.map((u) => ({ email: u.email, name: u.name, role: u.role, description: u.description })) : [];
  return <SignInForm callbackUrl={returnTo} error={error ? signInErrorMessage(error, reason) : undefined} providers={external} demoUsers={demo} demoPassword={demo.length ? env.MESHWORK_DEMO_PASSWORD : undefined} passwordSignIn={demoLogin} />;
}
