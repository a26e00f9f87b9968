// The GOV.UK date input asks for day, month and year in three boxes; the backend takes
// ISO dates (`YYYY-MM-DD`, as chrono's NaiveDate serialises).

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type ParsedDate = { ok: true; value: string | null } | { ok: false; message: string };

export function toParts(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return { day: "", month: "", year: "" };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

/**
 * Reads three boxes as a date. All empty is "no date"; anything else must be a real date.
 * `label` names the date in messages, GOV.UK style: "The date of the incident must be a real date".
 */
export function fromParts(parts: DateParts, label: string): ParsedDate {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: true, value: null };
  const missing = [!day && "day", !month && "month", !year && "year"].filter(Boolean);
  if (missing.length > 0) {
    return { ok: false, message: `${label} must include a ${missing.join(" and ")}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, message: `${label} must be a real date, for example 27 3 2026` };
  }
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: `${label} must be a real date, for example 27 3 2026` };
  }
  return { ok: true, value: `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "14 March 2016", as GOV.UK writes dates. */
export function longDate(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return "";
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}
