import { describe, expect, it } from "vitest";
import { withThousands } from "./numbers";
import { pageCount, pageItems, pageOf, shownRange } from "./pagination";

describe("pagination", () => {
  it("counts pages, with one page for an empty list", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(1000, 50)).toBe(20);
  });

  it("slices a page and clamps a page past the end", () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, 1, 50)).toEqual(rows.slice(0, 50));
    expect(pageOf(rows, 3, 50)).toEqual(rows.slice(100, 120));
    expect(pageOf(rows, 9, 50)).toEqual(rows.slice(100, 120));
    expect(pageOf(rows, 0, 50)).toEqual(rows.slice(0, 50));
  });

  it("shows the first, last, current and neighbouring pages with gaps between", () => {
    expect(pageItems(1, 1)).toEqual([{ page: 1 }]);
    expect(pageItems(1, 20)).toEqual([{ page: 1 }, { page: 2 }, "gap", { page: 20 }]);
    expect(pageItems(10, 20)).toEqual([{ page: 1 }, "gap", { page: 9 }, { page: 10 }, { page: 11 }, "gap", { page: 20 }]);
    expect(pageItems(3, 5)).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }, { page: 4 }, { page: 5 }]);
    expect(pageItems(20, 20)).toEqual([{ page: 1 }, "gap", { page: 19 }, { page: 20 }]);
  });

  it("says which rows are shown", () => {
    expect(shownRange(2, 50, 1000, "cases")).toBe("Showing 51 to 100 of 1,000 cases");
    expect(shownRange(3, 50, 120, "cases")).toBe("Showing 101 to 120 of 120 cases");
  });

  it("puts commas between thousands as en-GB does", () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 1234567890, -4500]) {
      expect(withThousands(n)).toBe(n.toLocaleString("en-GB"));
    }
  });

  it("gives only the count when one page holds them all", () => {
    expect(shownRange(1, 50, 1, "case")).toBe("1 case");
    expect(shownRange(1, 50, 50, "cases")).toBe("50 cases");
    expect(shownRange(1, 50, 1200, "cases")).toBe("Showing 1 to 50 of 1,200 cases");
  });
});
