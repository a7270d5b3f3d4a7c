/**
 * Prints a Markdown table; columns listed in `leftAligned` (by index) are left-aligned, the
 * rest (figures) right-aligned.
 */
export function printTable(
  header: string[],
  rows: string[][],
  leftAligned: readonly number[] = [0],
): void {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const left = (i: number) => leftAligned.includes(i);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (left(i) ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(" | ")} |`;
  console.log(`\n${line(header)}`);
  console.log(
    `|${widths.map((w, i) => (left(i) ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
}
