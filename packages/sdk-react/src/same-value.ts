import type { FlagValue, WebFlagDetails } from "@flagsync-oss/sdk-web";

/**
 * Whether two flag values are equal by content, so a hook hands back the value it already
 * holds (and its component does not re-render) when an update left that flag as it was.
 */
export function isSameValue(a: FlagValue, b: FlagValue): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => isSameValue(item, b[i] as FlagValue));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && isSameValue(a[key] as FlagValue, b[key] as FlagValue));
}

/** Whether two results say the same: value, variant, reason, rule and error code. */
export function isSameDetails(a: WebFlagDetails, b: WebFlagDetails): boolean {
  return (
    a.variant === b.variant &&
    a.variantId === b.variantId &&
    a.reason === b.reason &&
    a.ruleId === b.ruleId &&
    a.errorCode === b.errorCode &&
    isSameValue(a.value, b.value)
  );
}
