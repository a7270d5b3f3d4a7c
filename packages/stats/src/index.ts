export {
  chanceToBeatConversion,
  chanceToBeatNormal,
  expectedLossConversion,
  expectedLossNormal,
  probabilityGreaterBeta,
} from "./bayes.js";
export { adjustPValues, type Correction } from "./corrections.js";
export { type CovariateMoments, cupedSummary, cupedTheta } from "./cuped.js";
export {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "./distributions.js";
export {
  type LiftResult,
  relativeLift,
  twoProportionZTest,
  type WelchResult,
  welchTest,
} from "./frequentist.js";
export {
  DEFAULT_SEQUENTIAL_TUNING,
  type SequentialResult,
  sequentialHalfWidth,
  sequentialTest,
} from "./sequential.js";
export { logBeta, logGamma, regularizedBeta, regularizedGammaQ } from "./special-functions.js";
export { type SrmResult, sampleRatioMismatch } from "./srm.js";
export { type Moments, type Summary, summarize } from "./summary.js";
