// Corrections of p-values for testing several metrics or variants at once.

/** A multiple-testing correction: family-wise error (Bonferroni, Holm) or false discovery rate (Benjamini–Hochberg). */
export type Correction = "none" | "bonferroni" | "holm" | "benjamini-hochberg";

/**
 * Adjusted p-values, in the input order and capped at 1, the same as R's `p.adjust` and
 * statsmodels' `multipletests`: Bonferroni m·p; Holm's step-down max_{j≤i} (m − j + 1)·p_(j);
 * Benjamini–Hochberg's step-up min_{j≥i} m·p_(j)/j. NaN entries stay NaN and are not counted in m.
 *
 * @example adjustPValues([0.01, 0.04, 0.03], "holm") // [0.03, 0.06, 0.06]
 */
export function adjustPValues(pValues: number[], method: Correction): number[] {
  const adjusted = pValues.map((p) => (Number.isNaN(p) ? Number.NaN : Math.min(1, p)));
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((left, right) => left.p - right.p);
  const m = order.length;
  switch (method) {
    case "none":
      return adjusted;
    case "bonferroni":
      for (const { p, index } of order) adjusted[index] = Math.min(1, m * p);
      return adjusted;
    case "holm": {
      // Step-down from the smallest p; the running maximum keeps adjusted values monotone.
      let running = 0;
      order.forEach(({ p, index }, rank) => {
        running = Math.max(running, Math.min(1, (m - rank) * p));
        adjusted[index] = running;
      });
      return adjusted;
    }
    case "benjamini-hochberg": {
      // Step-up from the largest p; the running minimum keeps adjusted values monotone.
      let running = 1;
      for (let rank = m - 1; rank >= 0; rank--) {
        const entry = order[rank];
        if (entry === undefined) continue;
        running = Math.min(running, (m * entry.p) / (rank + 1));
        adjusted[entry.index] = running;
      }
      return adjusted;
    }
  }
}
