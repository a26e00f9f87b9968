import { describe, expect, it } from "vitest";
import { finding, view } from "../../testing/cases";
import { longDate } from "../dates";
import { fromParts, toParts } from "../form/dateParts";
import { headingId, pageForFinding, resumePage, wordCount } from "./pages";

describe("the wizard's pages", () => {
  it("have stable heading ids for the end-to-end tests", () => {
    expect(view().pages.map(headingId).slice(0, 2)).toEqual(["wizard-case-details", "wizard-criterion-abuse_or_neglect"]);
  });

  it("resume at the first page with a blocking finding, ignoring warnings", () => {
    const v = view({
      findings: [
        finding("case_details", null, "referral_date", "case.referral_date_missing", false),
        finding("qm2_factor", "resources", "note", "qm2.unaddressed"),
        finding("criterion", "child_died", "evidence", "criterion.no_evidence"),
      ],
    });
    expect(resumePage(v)).toEqual({ page: "criterion", item: "child_died" });
    expect(resumePage(view())).toBeNull();
  });

  it("send a finding about a list item or all criteria to the first page of its kind", () => {
    const pages = view().pages;
    expect(pageForFinding(finding("parallel_processes", "0", "liaison", "parallel.liaison_missing"), pages)).toEqual({
      page: "parallel_processes",
      item: null,
    });
    expect(pageForFinding(finding("criterion", null, "assessment", "decision.criteria_undetermined"), pages)).toEqual({
      page: "criterion",
      item: "abuse_or_neglect",
    });
  });

  it("count words as the backend does", () => {
    expect(wordCount("  The chair  decided — 12 times ")).toBe(5);
    expect(wordCount("")).toBe(0);
  });
});

describe("dates", () => {
  it("read three boxes as an ISO date, or say what is wrong", () => {
    expect(fromParts({ day: "9", month: "6", year: "2014" }, "The date")).toEqual({ ok: true, value: "2014-06-09" });
    expect(fromParts({ day: "", month: "", year: "" }, "The date")).toEqual({ ok: true, value: null });
    expect(fromParts({ day: "31", month: "2", year: "2016" }, "The date")).toEqual({
      ok: false,
      message: "The date must be a real date, for example 27 3 2026",
    });
    expect(fromParts({ day: "3", month: "", year: "2016" }, "The date")).toEqual({
      ok: false,
      message: "The date must include a month",
    });
  });

  it("split and write ISO dates", () => {
    expect(toParts("2016-03-07")).toEqual({ day: "7", month: "3", year: "2016" });
    expect(toParts(null)).toEqual({ day: "", month: "", year: "" });
    expect(longDate("2016-03-07")).toBe("7 March 2016");
  });
});
