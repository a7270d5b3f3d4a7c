// UTC days of stored ISO times (YYYY-MM-DDTHH:MM:SS.sssZ), as whole numbers since 1970-01-01.

/** Milliseconds in a UTC day. */
export const DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO time's UTC date (its first ten characters). */
export function dayNumber(iso: string): number {
  const year =
    (iso.charCodeAt(0) - 48) * 1000 +
    (iso.charCodeAt(1) - 48) * 100 +
    (iso.charCodeAt(2) - 48) * 10 +
    (iso.charCodeAt(3) - 48);
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  return Date.UTC(year, month - 1, day) / DAY;
}

const dayStrings = new Map<number, string>();

/** The UTC date of a day number, YYYY-MM-DD. */
export function dayString(day: number): string {
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayStrings.size < 100_000) dayStrings.set(day, text);
  }
  return text;
}

/** The ISO time `days` whole days before an ISO time (UTC days have no daylight saving). */
export function daysBefore(iso: string, days: number): string {
  return dayString(dayNumber(iso) - days) + iso.slice(10);
}

/** Milliseconds since 1970 of a stored ISO time; other ISO forms through Date.parse. */
export function isoMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */) return Date.parse(iso);
  const digits = (at: number, count: number): number => {
    let n = 0;
    for (let i = at; i < at + count; i++) n = n * 10 + (iso.charCodeAt(i) - 48);
    return n;
  };
  return (
    dayNumber(iso) * DAY +
    digits(11, 2) * 3_600_000 +
    digits(14, 2) * 60_000 +
    digits(17, 2) * 1000 +
    digits(20, 3)
  );
}
