import { useSearchParams } from "wouter";

/**
 * A piece of page state kept in the URL's query (`?tab=catalog`), so that a reload, a shared
 * link or Back shows the same view. Changes replace the history entry; the default is left out.
 */
export function useUrlState(name: string, fallback = ""): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const set = (next: string) =>
    setParams(
      (previous) => {
        const updated = new URLSearchParams(previous);
        if (next === fallback) updated.delete(name);
        else updated.set(name, next);
        return updated;
      },
      { replace: true },
    );
  return [value, set];
}
