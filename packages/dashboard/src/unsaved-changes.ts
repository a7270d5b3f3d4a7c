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

// Back and Forward. Each history entry the app makes carries its position (`fsIndex`), so a
// move can be undone by the same distance. The listener, registered when the module loads,
// runs before the router's: refused, the move is undone (history.go back by its distance) and
// the router hears of neither.
const INDEX = "fsIndex";
let position = 0;
let undoing = false;

const indexOf = (state: unknown): number | undefined => {
  const value = (state as Record<string, unknown> | null)?.[INDEX];
  return typeof value === "number" ? value : undefined;
};

if (typeof window !== "undefined") {
  const { history } = window;
  const withIndex = (state: unknown, index: number) =>
    typeof state === "object" && state !== null ? { ...state, [INDEX]: index } : { [INDEX]: index };
  position = indexOf(history.state) ?? 0;
  history.replaceState(withIndex(history.state, position), "");
  const push = history.pushState.bind(history);
  history.pushState = (state, unused, url) => {
    position += 1;
    push(withIndex(state, position), unused, url);
  };
  const replace = history.replaceState.bind(history);
  history.replaceState = (state, unused, url) => replace(withIndex(state, position), unused, url);
  window.addEventListener(
    "popstate",
    (event) => {
      const target = indexOf(event.state) ?? position;
      if (undoing) {
        undoing = false;
        event.stopImmediatePropagation();
        return;
      }
      // A move of unknown distance cannot be undone (go(0) would reload): let it through.
      if (target === position || confirmDiscard()) {
        position = target;
        return;
      }
      event.stopImmediatePropagation();
      undoing = true;
      history.go(position - target);
    },
    { capture: true },
  );
}

/**
 * The browser location for the router, whose in-app navigation asks before dropping a draft
 * (and so do the browser's Back and Forward buttons, see above).
 */
export const useGuardedLocation: typeof useBrowserLocation = (options) => {
  const [location] = useBrowserLocation(options);
  return [location, guardedNavigate];
};

const guardedNavigate: typeof navigate = (to, options) => {
  if (confirmDiscard()) navigate(to, options);
};
