"use client";

import { useEffect, useState } from "react";

type Choice = "system" | "light" | "dark";
const NEXT: Record<Choice, Choice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Choice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

function apply(choice: Choice) {
  const dark = choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.theme = choice;
}

/** Cycles the theme: follow the system, light, dark. The choice is kept in this browser. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<Choice>("system");

  useEffect(() => {
    const saved = localStorage.getItem("meshwork-theme");
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the saved choice exists only in the browser
    if (saved === "light" || saved === "dark") setChoice(saved);
    // Following the system: a change of the system setting applies at once.
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => {
      if (!localStorage.getItem("meshwork-theme")) apply("system");
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  function cycle() {
    const next = NEXT[choice];
    setChoice(next);
    if (next === "system") localStorage.removeItem("meshwork-theme");
    else localStorage.setItem("meshwork-theme", next);
    apply(next);
  }

  return (
    <button type="button" onClick={cycle} aria-label={`${LABEL[choice]} (change theme)`} title={`${LABEL[choice]}: click to change`} data-testid="theme-toggle" className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
      {choice === "dark" ? (
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M16 12.5A6.5 6.5 0 0 1 7.5 4a6.5 6.5 0 1 0 8.5 8.5Z" strokeLinejoin="round" />
        </svg>
      ) : choice === "light" ? (
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="10" cy="10" r="3.5" />
          <path d="M10 2v2M10 16v2M2 10h2M16 10h2M4.3 4.3l1.4 1.4M14.3 14.3l1.4 1.4M4.3 15.7l1.4-1.4M14.3 5.7l1.4-1.4" strokeLinecap="round" />
        </svg>
      ) : (
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="3" y="4" width="14" height="10" rx="1.5" />
          <path d="M7 17h6M10 14v3" strokeLinecap="round" />
        </svg>
      )}
    </button>
  );
}
