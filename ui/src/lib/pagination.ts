import { withThousands } from "./numbers";

// Long lists (twenty years of cases) are shown a page at a time: a window draws fifty rows at
// once, not a thousand. The links follow the GOV.UK pagination pattern: the first and last
// pages, the current one with its neighbours, and an ellipsis for each gap.

/** A link to a page, or an ellipsis standing for the pages skipped. */
export type PageItem = { page: number } | "gap";

/** How many pages `total` rows make at `size` per page (always at least one). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The rows of page `page` (1-based), clamped to the pages there are. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): T[] {
  const last = pageCount(rows.length, size);
  const current = Math.min(Math.max(1, page), last);
  return rows.slice((current - 1) * size, current * size);
}

/** The page links to show around `current` out of `count` pages. */
export function pageItems(current: number, count: number): PageItem[] {
  const wanted = new Set([1, count, current - 1, current, current + 1]);
  const pages = [...wanted].filter((p) => p >= 1 && p <= count).sort((a, b) => a - b);
  const items: PageItem[] = [];
  pages.forEach((page, i) => {
    if (i > 0 && page - pages[i - 1] > 1) items.push("gap");
    items.push({ page });
  });
  return items;
}

/** "Showing 51 to 100 of 1,000 cases", for the caption under the table; "12 cases" when one page holds them all. */
export function shownRange(page: number, size: number, total: number, noun: string): string {
  const format = withThousands;
  if (total <= size) return `${format(total)} ${noun}`;
  const first = (page - 1) * size + 1;
  const last = Math.min(page * size, total);
  return `Showing ${format(first)} to ${format(last)} of ${format(total)} ${noun}`;
}
