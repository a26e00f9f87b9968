// Dates as the app shows them. Dates typed into forms are the form kit's (form/dateParts.ts).

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2016-03-14" → "14 March 2016", as GOV.UK writes dates; "" for anything else. */
export function longDate(iso: string | null | undefined): string {
  const match = ISO_DATE.exec(iso ?? "");
  if (!match) return "";
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** "2025-04-01" → "01/04/2025", the way board managers write dates in their spreadsheets. */
export function shortDate(iso: string | null | undefined): string {
  const match = ISO_DATE.exec(iso ?? "");
  return match ? `${match[3]}/${match[2]}/${match[1]}` : "";
}
