"use client";

import type { ReactNode } from "react";
import { dangerButton, secondaryButton } from "./field";
import { Modal } from "./modal";

type Props = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  testId: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error?: string;
};

/** Asks before a destructive action: Cancel, or a red button that says what will happen. */
export function ConfirmDialog({ open, onClose, onConfirm, title, description, testId, confirmLabel, pendingLabel, pending, error }: Props) {
  return (
    <Modal open={open} onClose={onClose} title={title} description={description} testId={testId}>
      {error && (
        <p role="alert" className="mb-3 text-sm text-red-600">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={dangerButton} disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
