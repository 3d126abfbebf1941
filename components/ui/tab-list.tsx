"use client";

import type { KeyboardEvent, ReactNode } from "react";

/**
 * A role="tablist" with the keyboard behaviour of tabs: Left/Right (and Home/End) move to the neighbouring tab and
 * open it. The tabs themselves are the children (role="tab", tabIndex 0 on the selected one, -1 on the others).
 */
export function TabList({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
    const index = tabs.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    tab.focus();
    tab.click();
  }
  return (
    <div role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
