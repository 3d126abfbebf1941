"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * A header popover's state: open or closed, the panel's id for `aria-controls`, and refs for the wrapper and its
 * button. While open, Escape closes it and gives the focus back to the button; a click outside the wrapper closes it.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return { open, setOpen, panelId, wrapper, button };
}
