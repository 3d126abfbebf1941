"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { dangerButton } from "@/components/ui/field";

/** Ends every browser session of the signed-in person (this one too); API tokens keep working. */
export function SignOutEverywhere() {
  const [open, setOpen] = useState(false);
  const end = useMutation({
    mutationFn: () => apiRequest("/api/v1/me/sessions", { method: "DELETE" }),
    onSuccess: () => signOut({ callbackUrl: "/sign-in" }),
  });
  return (
    <>
      <button type="button" className={dangerButton} onClick={() => setOpen(true)}>
        Sign out everywhere
      </button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => end.mutate()}
        title="Sign out everywhere?"
        description="Every browser signed in as you is signed out at once, this one included. Your API tokens keep working; revoke them on the API tokens page."
        testId="sign-out-everywhere-dialog"
        confirmLabel="Sign out everywhere"
        pendingLabel="Signing out…"
        pending={end.isPending || end.isSuccess}
        error={end.error ? errorMessage(end.error) : undefined}
      />
    </>
  );
}
