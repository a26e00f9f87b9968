// The GOV.UK date input asks for day, month and year in three boxes; the backend takes ISO
// dates (`YYYY-MM-DD`, as chrono's NaiveDate serialises).
// https://design-system.service.gov.uk/components/date-input/

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type ParsedDate = { ok: true; value: string | null } | { ok: false; message: string };

export function emptyDate(): DateParts {
  return { day: "", month: "", year: "" };
}

export function toParts(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return emptyDate();
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
  const notReal = { ok: false, message: `${label} must be a real date, for example 27 3 2026` } as const;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return notReal;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return notReal;
  }
  return { ok: true, value: `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

/**
 * A whole date typed or pasted into the day box, as board managers write dates in their
 * spreadsheets (01/04/2025, 1.4.2025, 2025-04-01), split into the three boxes; null for
 * anything else, which stays in the day box as typed. Whether it is a real date is
 * `fromParts`'s to say.
 */
export function partsFromWhole(text: string): DateParts | null {
  const typed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (iso) return { day: iso[3], month: iso[2], year: iso[1] };
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  if (dayFirst) return { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3] };
  return null;
}

/** Several dates read at once: each one's ISO value (null when empty or not a date), by name. */
export interface ReadDates<K extends string> {
  values: Record<K, string | null>;
  /** The message for each date that is not a date, in the order given. */
  problems: Partial<Record<K, string>>;
}

/** Reads several dates, each given as its boxes and the words that name it in messages. */
export function readDates<K extends string>(dates: Record<K, [DateParts, string]>): ReadDates<K> {
  const values = {} as Record<K, string | null>;
  const problems: Partial<Record<K, string>> = {};
  for (const name of Object.keys(dates) as K[]) {
    const [parts, label] = dates[name];
    const parsed = fromParts(parts, label);
    values[name] = parsed.ok ? parsed.value : null;
    if (!parsed.ok) problems[name] = parsed.message;
  }
  return { values, problems };
}
