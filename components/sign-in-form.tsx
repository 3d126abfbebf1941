"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, email as emailProblem, required } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field } from "@/components/ui/field";

type DemoUser = { email: string; name: string; role: string; description: string };

export function SignInForm(props: { callbackUrl: string; error?: string; providers: { id: string; name: string }[]; demoUsers: DemoUser[]; demoPassword?: string; passwordSignIn?: boolean }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // props.error is the sign-in page's message for next-auth's ?error= code.
  const [error, setError] = useState(props.error ?? "");
  const [pending, setPending] = useState(false);
  const form = useFormValidation(
    collectProblems([
      ["sign-in-email", "E-mail", required(email) ?? emailProblem(email)],
      ["sign-in-password", "Password", required(password)],
    ]),
  );

  async function submit(withEmail = email, withPassword = password) {
    setPending(true);
    setError("");
    const result = await signIn("credentials", { email: withEmail, password: withPassword, redirect: false });
    setPending(false);
    if (result?.ok) {
      router.push(props.callbackUrl);
      router.refresh();
    } else if (result?.status === 429) {
      setError("Too many failed sign-ins from here: wait up to 15 minutes, then try again.");
    } else {
      setError("Wrong e-mail or password.");
    }
  }

  return (
    <div className="mx-auto grid max-w-5xl gap-10 py-8 md:grid-cols-2">
      <section>
        <h1 className="text-2xl font-semibold">Sign in to Meshwork</h1>
        <p className="mt-1 text-sm text-slate-600">Discover, subscribe to and govern the data products of your organisation.</p>
        {props.passwordSignIn !== false && (
        <form className="mt-6 space-y-4" {...form.formProps(() => void submit())}>
          <ErrorSummary focusKey={form.focusKey} problems={form.summary} />
          <Field id="sign-in-email" label="E-mail" required error={form.error("sign-in-email")}>
            <input id="sign-in-email" name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} className="w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-400" {...form.control("sign-in-email", { required: true })} />
          </Field>
          <Field id="sign-in-password" label="Password" required error={form.error("sign-in-password")}>
            <input id="sign-in-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className="w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-400" {...form.control("sign-in-password", { required: true })} />
          </Field>
          {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
          <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Signing in…" : "Sign in"}
          </button>
        </form>
        )}
        {props.providers.map((p) => (
          <button key={p.id} type="button" onClick={() => signIn(p.id, { callbackUrl: props.callbackUrl })} className="mt-3 w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            Continue with {p.name}
          </button>
        ))}
      </section>
      {props.demoUsers.length > 0 && (
        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">Demo accounts</h2>
          <p className="mt-1 text-sm text-slate-600">
            Every demo account uses the password <code className="rounded bg-slate-100 px-1">{props.demoPassword}</code>. Click one to sign in.
          </p>
          <ul className="mt-4 divide-y divide-slate-100">
            {props.demoUsers.map((u) => (
              <li key={u.email}>
                <button type="button" disabled={pending} onClick={() => void submit(u.email, props.demoPassword!)} className="flex w-full items-start justify-between gap-3 py-2.5 text-left hover:bg-slate-50" data-testid={`demo-${u.email}`}>
                  <span>
                    <span className="block text-sm font-medium">{u.name}</span>
                    <span className="block text-xs text-slate-500">{u.email} · {u.description}</span>
                  </span>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{u.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
