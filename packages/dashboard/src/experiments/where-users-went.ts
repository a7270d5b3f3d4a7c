// Where the exposed users of an experiment went, in sentences: analysed per variant, and every
// group left out with why. Pure: tested on its own.

interface Exposures {
  total: number;
  multipleVariants: number;
  otherVariants: number;
  analysed: Record<string, number>;
  notRandomised: { variant: string; reason: "rule" | "off" | "default" | "error"; users: number }[];
}

const WHY: Record<Exposures["notRandomised"][number]["reason"], string> = {
  rule: "a targeting rule",
  off: "the flag while it was off",
  default: "the flag's default (no rollout)",
  error: "a fallback after an evaluation error",
};

const n = (count: number) => count.toLocaleString("en-US");
const users = (count: number) => `${n(count)} ${count === 1 ? "user" : "users"}`;

/** One sentence per group of users; their counts add up to the exposed users. */
export function whereUsersWent(exposures: Exposures): string[] {
  const analysed = Object.values(exposures.analysed).reduce((a, b) => a + b, 0);
  const lines = [
    `${users(exposures.total)} exposed; ${n(analysed)} analysed (${Object.entries(
      exposures.analysed,
    )
      .map(([variant, count]) => `${variant} ${n(count)}`)
      .join(", ")}).`,
  ];
  const notRandomised = exposures.notRandomised.reduce((sum, g) => sum + g.users, 0);
  for (const group of exposures.notRandomised)
    lines.push(
      `${users(group.users)} served ${group.variant} by ${WHY[group.reason]}: not randomised, left out.`,
    );
  const outside = exposures.otherVariants - notRandomised;
  if (outside > 0)
    lines.push(
      `${users(outside)} saw only a variant outside this comparison (another variant, or a value matching none): not analysed.`,
    );
  if (exposures.multipleVariants > 0)
    lines.push(
      `${users(exposures.multipleVariants)} saw more than one variant (or were served one outside the rollout too): left out of every metric and of the ratio check.`,
    );
  return lines;
}
