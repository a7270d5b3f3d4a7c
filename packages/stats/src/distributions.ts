// Normal, Student t and chi-square distributions.

import { incompleteBeta, logBeta, regularizedGammaQ } from "./special-functions.js";

const SQRT_2PI = 2.5066282746310002;
const INV_SQRT_PI = 0.5641895835477563;

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
// 631–638; coefficients as in Netlib SPECFUN CALERF. A/B: erf on |x| ≤ 0.46875; C/D: e^{x²} erfc
// on (0.46875, 4]; P/Q: e^{x²} erfc on (4, ∞) as a rational function of 1/x².
const CODY_A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694];
const CODY_A4 = 0.18577770618460315;
const CODY_B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const CODY_C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972,
];
const CODY_C8 = 2.1531153547440383e-8;
const CODY_D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const CODY_P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275,
  0.0006587491615298378,
];
const CODY_P5 = 0.016315387137302097;
const CODY_Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132,
  0.0023352049762686918,
];

/** Evaluates (((lead·x + c0)x + c1)x + …) and (((x + d0)x + d1)x + …) together, Cody style. */
function codyRatio(x: number, lead: number, c: readonly number[], d: readonly number[]): number {
  let numerator = lead * x;
  let denominator = x;
  const last = c.length - 1;
  for (let i = 0; i < last; i++) {
    numerator = (numerator + (c[i] ?? 0)) * x;
    denominator = (denominator + (d[i] ?? 0)) * x;
  }
  return (numerator + (c[last] ?? 0)) / (denominator + (d[last] ?? 0));
}

/** The complementary error function, W. J. Cody's CALERF; ~1e-16 relative for x ≥ −0.47. */
function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const square = y * y;
    return 1 - x * codyRatio(square, CODY_A4, CODY_A, CODY_B);
  }
  // erfc(27.3) is below the smallest subnormal; this also keeps ±Infinity away from Inf − Inf.
  if (y > 27.5) return x < 0 ? 2 : 0;
  let scaled: number;
  if (y <= 4) {
    scaled = codyRatio(y, CODY_C8, CODY_C, CODY_D);
  } else {
    const inverseSquare = 1 / (y * y);
    scaled = (INV_SQRT_PI - inverseSquare * codyRatio(inverseSquare, CODY_P5, CODY_P, CODY_Q)) / y;
  }
  // e^{−y²} split as e^{−h²} e^{−(y−h)(y+h)}, h = y rounded down to 1/16, so that the rounding
  // of y² is not magnified by the exponential (Cody's trick).
  const head = Math.trunc(y * 16) / 16;
  const result = Math.exp(-head * head) * Math.exp(-(y - head) * (y + head)) * scaled;
  return x < 0 ? 2 - result : result;
}

/**
 * The standard normal cumulative distribution function Φ(z) = ½ erfc(−z/√2), with erfc from
 * W. J. Cody's rational Chebyshev approximations; accurate to ~1e-16 absolute and ~1e-14 relative
 * in the lower tail.
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

/** The standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9).
const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972];
const ACKLAM_B5 = -13.28068155288572;
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;

function polynomial(x: number, coefficients: readonly number[]): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

/**
 * The standard normal quantile Φ⁻¹(p): Peter Acklam's rational approximation refined by one
 * Halley step on `normalCdf`, accurate to ~1e-15 relative. ±Infinity at p = 0 and 1.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  // 1 − p is exact for p ≥ ½, so the upper half is solved in the (more precise) lower tail.
  return p > 0.5 ? -lowerNormalQuantile(1 - p) : lowerNormalQuantile(p);
}

function lowerNormalQuantile(p: number): number {
  let x: number;
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = polynomial(q, ACKLAM_C) / (polynomial(q, ACKLAM_D) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (polynomial(r, ACKLAM_A) * q) / ((polynomial(r, ACKLAM_B) * r + ACKLAM_B5) * r + 1);
  }
  // Halley's method on Φ(x) − p; u is the Newton step (Φ(x) − p)/φ(x).
  const u = (normalCdf(x) - p) * SQRT_2PI * Math.exp(0.5 * x * x);
  return Number.isFinite(u) ? x - u / (1 + 0.5 * x * u) : x;
}

/**
 * The cumulative distribution function of Student's t with `df` degrees of freedom; `df` may be
 * fractional (Welch) and `Infinity` gives the normal. Uses P(T > |t|) = ½ I_{ν/(ν+t²)}(ν/2, ½).
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  const tail = studentTTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** The upper tail P(T > t) for t ≥ 0, without the cancellation of 1 − cdf. */
export function studentTTail(t: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return normalCdf(-t);
  if (t === Number.POSITIVE_INFINITY) return 0;
  const ratio = t / Math.sqrt(df);
  const r2 = ratio * ratio;
  const x = 1 / (1 + r2);
  const y = r2 === Number.POSITIVE_INFINITY ? 1 : r2 / (1 + r2);
  return 0.5 * incompleteBeta(x, y, 0.5 * df, 0.5);
}

/** ln of the t density, written with B(ν/2, ½) so that large ν does not cancel. */
function studentTLogPdf(t: number, df: number): number {
  return -logBeta(0.5 * df, 0.5) - 0.5 * Math.log(df) - 0.5 * (df + 1) * Math.log1p((t * t) / df);
}

/**
 * The quantile function of Student's t (fractional `df` allowed; `Infinity` gives the normal).
 * Solves P(T > t) = p by safeguarded Newton iteration on ln P(T > t) against ln t, started from
 * the Cornish–Fisher expansion; converges to ~1e-14 relative.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || df <= 0 || p < 0 || p > 1) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // 1 − p is exact for p ≥ ½; by symmetry solve for the upper tail probability min(p, 1 − p).
  return p < 0.5 ? -upperTailQuantile(p, df) : upperTailQuantile(1 - p, df);
}

/** The t > 0 with P(T > t) = q, for 0 < q < ½. */
function upperTailQuantile(q: number, df: number): number {
  const logQ = Math.log(q);
  // In u = ln t the tail is close to linear (P(T > t) ~ C t^−ν), so Newton converges fast and a
  // relative tolerance on t is an absolute one on u. The bracket [low, high] keeps it safe.
  let u = Math.log(cornishFisherGuess(q, df));
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < 200; iteration++) {
    const t = Math.exp(u);
    const logTail = Math.log(studentTTail(t, df));
    const h = logTail - logQ;
    if (h === 0) return t;
    if (h > 0) low = u;
    else high = u;
    // dh/du = −t φ_ν(t) / P(T > t)
    const slope = -Math.exp(u + studentTLogPdf(t, df) - logTail);
    let next = u - h / slope;
    if (!(next > low && next < high)) {
      if (Number.isFinite(low) && Number.isFinite(high)) next = 0.5 * (low + high);
      else next = h > 0 ? u + 2 : u - 2;
    }
    if (Math.abs(next - u) <= 1e-13) return Math.exp(next);
    u = next;
  }
  return Math.exp(u);
}

/** Abramowitz & Stegun 26.7.5: t ≈ z + g1/ν + g2/ν² + g3/ν³ + g4/ν⁴. */
function cornishFisherGuess(q: number, df: number): number {
  const z = -normalQuantile(q);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const guess = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  return Number.isFinite(guess) && guess > 0 ? guess : 1;
}

/** The chi-square survival function P(X > x) = Q(ν/2, x/2) for ν = `df` degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(0.5 * df, 0.5 * x);
}
