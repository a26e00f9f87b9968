import { describe, expect, it } from "vitest";
import { emptyDate, fromParts, partsFromWhole, readDates, toParts } from "./dateParts";

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe("a date in three boxes", () => {
  it("is the ISO date the backend takes, padded", () => {
    expect(fromParts(parts("1", "4", "2025"), "The date")).toEqual({ ok: true, value: "2025-04-01" });
    expect(fromParts(parts(" 31 ", "12", "2025"), "The date")).toEqual({ ok: true, value: "2025-12-31" });
  });

  it("is no date when all three are empty", () => {
    expect(fromParts(emptyDate(), "The date")).toEqual({ ok: true, value: null });
  });

  it("names the boxes left empty", () => {
    expect(fromParts(parts("1", "", ""), "The start of their term")).toEqual({
      ok: false,
      message: "The start of their term must include a month and year",
    });
  });

  it("must be a real date", () => {
    for (const wrong of [parts("31", "2", "2025"), parts("1", "13", "2025"), parts("1", "4", "25"), parts("1", "4", "1899"), parts("a", "4", "2025")]) {
      expect(fromParts(wrong, "The date")).toEqual({ ok: false, message: "The date must be a real date, for example 27 3 2026" });
    }
  });

  it("comes back from an ISO date without leading zeros", () => {
    expect(toParts("2024-04-01")).toEqual(parts("1", "4", "2024"));
    expect(toParts(null)).toEqual(emptyDate());
    expect(toParts("1 April 2024")).toEqual(emptyDate());
  });
});

describe("a whole date typed into the day box", () => {
  it("is split day first, as in England, or year first when it is ISO", () => {
    expect(partsFromWhole("01/04/2025")).toEqual(parts("01", "04", "2025"));
    expect(partsFromWhole("1.4.2025")).toEqual(parts("1", "4", "2025"));
    expect(partsFromWhole("2025-04-01")).toEqual(parts("01", "04", "2025"));
    // The shape is enough: whether it is a real date is for fromParts to say.
    expect(partsFromWhole("31/02/2025")).toEqual(parts("31", "02", "2025"));
  });

  it("is left alone while it is not yet a whole date", () => {
    for (const typed of ["1", "01/04", "01/04/202", "1 April 2025", "2025/4"]) expect(partsFromWhole(typed)).toBeNull();
  });
});

describe("several dates read at once", () => {
  it("gives each one's value and the problems in the order given", () => {
    const dates = readDates({
      start: [parts("1", "4", "2024"), "The start"],
      end: [parts("31", "2", "2025"), "The end"],
      from: [emptyDate(), "The date it applies from"],
      other: [parts("", "4", ""), "The other"],
    });
    expect(dates.values).toEqual({ start: "2024-04-01", end: null, from: null, other: null });
    expect(Object.entries(dates.problems)).toEqual([
      ["end", "The end must be a real date, for example 27 3 2026"],
      ["other", "The other must include a day and year"],
    ]);
  });
});
