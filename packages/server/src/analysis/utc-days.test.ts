import { describe, expect, it } from "vitest";
import { DAY, dayNumber, dayString, daysBefore, isoMs } from "./utc-days.js";

describe("UTC days", () => {
  // Leap days, month and year ends, the epoch, and a time just before midnight.
  const times = [
    "1970-01-01T00:00:00.000Z",
    "2024-02-29T12:00:00.000Z",
    "2024-03-01T00:00:00.000Z",
    "2025-12-31T23:59:59.999Z",
    "2026-01-01T00:00:00.000Z",
    "2100-02-28T08:30:00.123Z",
    "2000-02-29T23:59:59.999Z",
  ];

  it.each(times)("numbers the day of %s as Date does", (iso) => {
    expect(dayNumber(iso)).toBe(Math.floor(Date.parse(iso) / DAY));
    expect(dayString(dayNumber(iso))).toBe(iso.slice(0, 10));
    expect(isoMs(iso)).toBe(Date.parse(iso));
  });

  it("reads other ISO forms as Date does", () => {
    expect(isoMs("2024-02-29T12:00:00Z")).toBe(Date.parse("2024-02-29T12:00:00Z"));
    expect(isoMs("2024-02-29T12:00:00.000+01:00")).toBe(Date.parse("2024-02-29T11:00:00.000Z"));
  });

  it.each(times.flatMap((iso) => [1, 14, 400].map((days) => [iso, days] as const)))(
    "%s minus %i days is Date's",
    (iso, days) => {
      expect(daysBefore(iso, days)).toBe(new Date(Date.parse(iso) - days * DAY).toISOString());
    },
  );
});
