/**
 * A whole number with commas between its thousands: "1,000". Written out rather than asked of
 * `Intl` (`toLocaleString`), which makes WebKit load ICU's locale data into the page's process
 * for the first screen's one figure.
 */
export function withThousands(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ",");
  return n < 0 ? `-${grouped}` : grouped;
}

/** "1 working day", "2,693 working days": a count and its unit, plural but for one. */
export function count(n: number, unit: string): string {
  return `${withThousands(n)} ${unit}${n === 1 ? "" : "s"}`;
}
