"use client";

import { useState, type FocusEvent, type FormEvent, type SyntheticEvent } from "react";
import { ApiError, errorMessage } from "@/components/ui/api-request";
import { describedBy } from "@/components/ui/field";
import { mergeProblems, problemsFromApiError, problemText, type FieldTarget, type FormProblem } from "./form-problems";

const targetId = (e: SyntheticEvent) => (e.target as HTMLElement).id;

/** Runs `then` once the pointer is released and its click dispatched, or after 600 ms (the focus moved by keyboard). */
function afterPointerUp(then: () => void) {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    window.removeEventListener("pointerup", finish, true);
    clearTimeout(timer);
    setTimeout(then, 0);
  };
  window.addEventListener("pointerup", finish, true);
  const timer = setTimeout(finish, 600);
}

/**
 * A form's validation state around the problems its values have now: a field shows its problem once it was changed
 * and left (and then live, as the user types), every field once a submit was tried. A submit with problems, or one
 * the server refused, puts them in the error summary and moves the focus there; editing a field clears what the
 * server said about it.
 */
export function useFormValidation(problems: FormProblem[]) {
  const [changed, setChanged] = useState<ReadonlySet<string>>(() => new Set());
  const [left, setLeft] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FormProblem[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);

  const problemAt = (id: string) => ((submitted || left.has(id)) && problems.find((p) => p.id === id)) || server.find((p) => p.id === id);
  /** The problem to show at a control, in words ("Name is required"), or undefined. */
  const error = (id: string): string | undefined => {
    const problem = problemAt(id);
    return problem ? problemText(problem) : undefined;
  };

  return {
    /** The problems for the error summary: none until a submit was tried. */
    summary: submitted ? mergeProblems(problems, server) : server,
    /** Changes at each failed submit: the error summary takes the focus then. */
    focusKey: focusRequest,
    error,
    /** aria-invalid, aria-describedby (error or hint) and aria-required for the control with this id. */
    control: (id: string, { hint = false, required = false }: { hint?: boolean; required?: boolean } = {}) => ({
      ...describedBy(id, error(id), hint),
      "aria-required": required || undefined,
    }),
    /** Props for the <form>: `onValid` runs only when the browser finds nothing wrong. */
    formProps: (onValid: () => void) => ({
      noValidate: true,
      onSubmit: (e: FormEvent) => {
        e.preventDefault();
        setSubmitted(true);
        setServer([]);
        if (problems.length > 0) setFocusRequest((n) => n + 1);
        else onValid();
      },
      onChange: (e: SyntheticEvent) => {
        const id = targetId(e);
        if (!id) return;
        if (!changed.has(id)) setChanged(new Set(changed).add(id));
        if (server.some((p) => p.id === id)) setServer(server.filter((p) => p.id !== id));
      },
      onBlur: (e: FocusEvent) => {
        const id = targetId(e);
        if (!id || !changed.has(id) || left.has(id)) return;
        const mark = () => setLeft((was) => (was.has(id) ? was : new Set(was).add(id)));
        // Showing the problem pushes down what is below it: when the focus left for a button (a click on "Add
        // output port"), wait until that click has landed, or the button would move away under the pointer.
        if ((e.relatedTarget as HTMLElement | null)?.closest("button, a, [role=button]")) afterPointerUp(mark);
        else mark();
      },
    }),
    /**
     * Shows what the server refused, each detail at its field (`target` maps an API path to a control, see
     * fieldTargets). An error that is no ApiError shows its message, or `fallback` when given.
     */
    serverError: (error: unknown, target: FieldTarget = () => undefined, fallback?: string) => {
      setServer(problemsFromApiError(error instanceof ApiError ? error : { message: fallback ?? errorMessage(error) }, target));
      setFocusRequest((n) => n + 1);
    },
    /** Forgets every problem shown, e.g. after a successful save that empties the form. */
    reset: () => {
      setChanged(new Set());
      setLeft(new Set());
      setSubmitted(false);
      setServer([]);
    },
  };
}

export type FormValidation = ReturnType<typeof useFormValidation>;
