import { VERDICT_COLOR, type Verdict } from "./experiment-types.js";

const WIDTH = 150;
const HEIGHT = 22;

/**
 * A relative lift with its confidence interval, drawn on a scale shared by the rows of one
 * metric (`scale` is the largest absolute bound), with a line at zero. Coloured by the verdict,
 * which already accounts for the metric's better direction.
 */
export function LiftInterval({
  lift,
  ci,
  scale,
  verdict,
}: {
  lift: number;
  ci: [number, number];
  scale: number;
  verdict: Verdict;
}) {
  if (![lift, ci[0], ci[1], scale].every(Number.isFinite) || scale <= 0) return null;
  const x = (v: number) => WIDTH / 2 + (v / scale) * (WIDTH / 2 - 6);
  const color = `var(--mantine-color-${VERDICT_COLOR[verdict]}-6)`;
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`Lift ${(lift * 100).toFixed(1)}%, interval ${(ci[0] * 100).toFixed(1)}% to ${(ci[1] * 100).toFixed(1)}%`}
    >
      <line
        x1={WIDTH / 2}
        x2={WIDTH / 2}
        y1={2}
        y2={HEIGHT - 2}
        stroke="var(--mantine-color-gray-5)"
        strokeDasharray="2 2"
      />
      <line
        x1={x(ci[0])}
        x2={x(ci[1])}
        y1={HEIGHT / 2}
        y2={HEIGHT / 2}
        stroke={color}
        strokeWidth={4}
        strokeLinecap="round"
        opacity={0.45}
      />
      <circle cx={x(lift)} cy={HEIGHT / 2} r={4} fill={color} />
    </svg>
  );
}
