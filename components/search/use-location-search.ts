import { useSearchParams } from "next/navigation";
import { useSyncExternalStore } from "react";

const CHANGE = "meshwork:location-change";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/**
 * The page's query string, updated synchronously when we push or replace it (Next's own
 * useSearchParams follows pushState in a transition, which would leave a clicked checkbox
 * unchecked for a frame). useSearchParams still re-renders us on Next's own navigations.
 */
export function useLocationSearch(): string {
  const serverSearch = useSearchParams().toString();
  return useSyncExternalStore(subscribe, () => window.location.search.replace(/^\?/, ""), () => serverSearch);
}

export function setLocationSearch(queryString: string, mode: "push" | "replace") {
  const url = queryString ? `?${queryString}` : window.location.pathname;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
  window.dispatchEvent(new Event(CHANGE));
}
