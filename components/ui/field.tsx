import type { ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/20 disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-400 aria-[invalid=true]:focus:ring-red-500/20";

export const primaryButton =
  "inline-flex items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-60";

export const secondaryButton =
  "inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-60";

export const dangerButton =
  "inline-flex items-center justify-center gap-2 rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 disabled:cursor-not-allowed disabled:opacity-60";

/**
 * A labelled form control with an optional hint and its inline error (linked by id for screen readers). `required`
 * marks the label with an asterisk; the control itself says so with aria-required (use-form-validation's `control`).
 */
export function Field({ id, label, hint, error, children, className = "", srOnlyLabel = false, required = false }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; className?: string; srOnlyLabel?: boolean; required?: boolean }) {
  return (
    <div className={className}>
      {required && !srOnlyLabel ? (
        // The asterisk sits beside the label, not in it, so the control's name stays "Name", not "Name *".
        <div className="mb-1 flex items-baseline text-sm font-medium text-slate-700">
          <label htmlFor={id}>{label}</label>
          <RequiredMark />
        </div>
      ) : (
        <label htmlFor={id} className={srOnlyLabel ? "sr-only" : "mb-1 block text-sm font-medium text-slate-700"}>
          {label}
        </label>
      )}
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The asterisk of a required field's label; screen readers hear "required" from the control's aria-required instead. */
export function RequiredMark() {
  return (
    <span aria-hidden className="ml-0.5 font-semibold text-red-700" title="required">
      *
    </span>
  );
}

/** The line that explains the asterisk, once at the top of a form. */
export function RequiredNote({ className = "" }: { className?: string }) {
  return (
    <p className={`text-xs text-slate-600 ${className}`}>
      Fields marked <RequiredMark /> are required.
    </p>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 flex items-start gap-1 text-xs text-red-600" data-testid={`error-${id}`}>
      <svg aria-hidden viewBox="0 0 16 16" className="mt-px h-3.5 w-3.5 shrink-0" fill="currentColor">
        <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-.75 3.25a.75.75 0 0 1 1.5 0v3.5a.75.75 0 0 1-1.5 0v-3.5ZM8 11.75a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z" />
      </svg>
      {error}
    </p>
  );
}

/** aria props for a control that may carry an error or hint. */
export const describedBy = (id: string, error?: string, hint?: boolean) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
});
