"use client";

import "@scalar/api-reference-react/style.css";
import type { ApiReferenceReact } from "@scalar/api-reference-react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useCspNonce } from "@/components/csp-nonce";
import { Skeleton } from "@/components/ui/skeleton";
import { nonceNewStyleElements } from "./nonce-new-style-elements";

const isDark = () => document.documentElement.classList.contains("dark");
// The theme toggle switches the class on <html>; the reference follows it.
function onThemeChange(callback: () => void) {
  const observer = new MutationObserver(callback);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** The portal's OpenAPI description rendered by Scalar, bundled with the app (no CDN, no web fonts), in the portal's theme. */
export function ApiReference({ specUrl }: { specUrl: string }) {
  const nonce = useCspNonce();
  const [Viewer, setViewer] = useState<typeof ApiReferenceReact | null>(null);
  const dark = useSyncExternalStore(onThemeChange, isDark, () => false);

  useEffect(() => {
    // Scalar's modules add <style> elements as they load, so they load only after the nonce is in place.
    const restore = nonceNewStyleElements(nonce);
    let mounted = true;
    void import("@scalar/api-reference-react").then((m) => mounted && setViewer(() => m.ApiReferenceReact));
    return () => {
      mounted = false;
      restore();
    };
  }, [nonce]);

  if (!Viewer) {
    return (
      <div className="space-y-3" aria-busy="true" aria-label="Loading the API reference">
        <Skeleton className="h-6 w-1/3" />
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  }
  return (
    <div data-testid="api-reference" className="min-w-0 overflow-hidden rounded-xl border border-slate-200">
      <Viewer
        configuration={{
          url: specUrl,
          withDefaultFonts: false,
          hideDarkModeToggle: true,
          forceDarkModeState: dark ? "dark" : "light",
          darkMode: dark,
          hideClientButton: false,
          showSidebar: true,
          layout: "modern",
          theme: "default",
          metaData: { title: "Meshwork API reference" },
        }}
      />
    </div>
  );
}
