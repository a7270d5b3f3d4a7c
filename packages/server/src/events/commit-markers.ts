import type { Work, WorkResult } from "./group-commit.js";

/**
 * Commit markers: the requests GroupCommit hands over together share a token, and the token is
 * inserted into `ingest_commits` first thing in the transaction that stores their rows. A token
 * that is already there was committed by an earlier attempt whose outcome was lost (the
 * connection dropped during COMMIT), so the retry skips those requests' rows and answers with
 * the results stored then. On PostgreSQL the insert also waits for an earlier attempt that is
 * still open to end, so the two can never both commit. One row per group, not per request,
 * keeps the table small under load.
 */

/** The requests of a group that share each token, in order. */
export function byToken(group: readonly Work[]): Map<string, Work[]> {
  const tokens = new Map<string, Work[]>();
  for (const work of group) {
    if (!work.token) continue;
    const works = tokens.get(work.token);
    if (works) works.push(work);
    else tokens.set(work.token, [work]);
  }
  return tokens;
}

/** The stored form of the results of a token's requests: null when none has a duplicate. */
export function markerResult(results: readonly WorkResult[]): string | null {
  return results.some((r) => r.duplicates.length > 0)
    ? JSON.stringify(results.map((r) => r.duplicates))
    : null;
}

/** Results of a token's requests as an earlier attempt stored them, by request. */
export function resultsOfMarker(works: readonly Work[], stored: string | null | undefined) {
  const duplicates = stored ? (JSON.parse(stored) as number[][]) : [];
  return new Map(
    works.map((work, i): [Work, WorkResult] => [work, { duplicates: duplicates[i] ?? [] }]),
  );
}

/**
 * The markers to store at the end of a transaction: for each new token whose requests had
 * duplicates, their results.
 */
export function markersToStore(
  fresh: ReadonlyMap<string, Work[]>,
  resultOf: (work: Work) => WorkResult,
): { token: string; result: string }[] {
  const markers: { token: string; result: string }[] = [];
  for (const [token, works] of fresh) {
    const result = markerResult(works.map(resultOf));
    if (result !== null) markers.push({ token, result });
  }
  return markers;
}
