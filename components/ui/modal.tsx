"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** A small modal built on <dialog>: focus trap, Escape and backdrop come from the browser. */
export function Modal({ open, onClose, title, description, children, testId, wide = false }: { open: boolean; onClose: () => void; title: string; description?: ReactNode; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
      className={`m-auto w-[calc(100vw-2rem)] ${wide ? "max-w-xl" : "max-w-md"} max-h-[calc(100dvh-2rem)] overflow-y-auto rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]`}
    >
      {open && (
        <div className="p-5">
          <h2 id={testId ? `${testId}-title` : undefined} className="text-base font-semibold">
            {title}
          </h2>
          {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
