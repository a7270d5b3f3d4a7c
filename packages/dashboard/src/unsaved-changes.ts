import { useEffect } from "react";
import { navigate, useBrowserLocation } from "wouter/use-browser-location";

// The drafts on screen now, by what they change. Only one page is shown at a time, so this
// lives as long as the tab and holds no more than that page's open drafts.
const drafts = new Map<symbol, string>();

const leaveWarning = (event: BeforeUnloadEvent) => {
  event.preventDefault();
  // Older Chromium versions ask only when returnValue is set.
  event.returnValue = "";
};

/**
 * Whether unsaved changes may be dropped: true when there are none, else what the user answers
 * when asked.
 */
export function confirmDiscard(): boolean {
  if (drafts.size === 0) return true;
  const what = [...new Set(drafts.values())].join(", ");
  return window.confirm(`Your changes to ${what} are not saved. Discard them?`);
}

/**
 * While `isDirty`, leaving the page (reload, closing the tab, another address) asks first, and
 * so do in-app navigation and anything else that calls `confirmDiscard()`.
 */
export function useUnsavedChanges(isDirty: boolean, what: string): void {
  useEffect(() => {
    if (!isDirty) return;
    const id = Symbol(what);
    drafts.set(id, what);
    window.addEventListener("beforeunload", leaveWarning);
    return () => {
      drafts.delete(id);
      if (drafts.size === 0) window.removeEventListener("beforeunload", leaveWarning);
    };
  }, [isDirty, what]);
}

/** The browser location for the router, whose in-app navigation asks before dropping a draft. */
export const useGuardedLocation: typeof useBrowserLocation = (options) => {
  const [location] = useBrowserLocation(options);
  return [location, guardedNavigate];
};

const guardedNavigate: typeof navigate = (to, options) => {
  if (confirmDiscard()) navigate(to, options);
};
