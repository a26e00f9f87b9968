import { describe, expect, it } from "vitest";
import { buildContent, newLetterForm } from "./letterForm";

describe("the letter form", () => {
  it("asks which letter to write", () => {
    const built = buildContent(newLetterForm());
    expect(built).toEqual({ ok: false, errors: [{ field: "kind", message: "Select which letter to write" }] });
  });

  it("sends a decision notice with nothing more", () => {
    const built = buildContent({ ...newLetterForm(), kind: "decision_notice", addressing: "circular" });
    expect(built).toEqual({ ok: true, content: { kind: "decision_notice" }, addressing: "circular" });
  });

  it("turns an update's date boxes into an ISO date and reports a half-typed one", () => {
    const form = {
      ...newLetterForm(),
      kind: "update" as const,
      whatChanged: "Later",
      reason: "Police",
      revisedCompletion: { day: "31", month: "1", year: "2017" },
    };
    const built = buildContent(form);
    expect(built.ok && built.content).toMatchObject({ kind: "update", revisedCompletion: "2017-01-31" });
    const half = buildContent({ ...form, revisedCompletion: { day: "31", month: "", year: "2017" } });
    expect(half).toEqual({
      ok: false,
      errors: [{ field: "revised_completion", message: "The new completion date must include a month" }],
    });
  });

  it("keeps only the publication fact that matches the choice", () => {
    const form = {
      ...newLetterForm(),
      kind: "outcome_notice" as const,
      completedOn: { day: "20", month: "1", year: "2017" },
      published: "no" as const,
      publication: "typed before changing the answer",
      notPublishedReason: "It would identify the siblings.",
      boardResponse: "Accepted.",
    };
    const built = buildContent(form);
    expect(built.ok && built.content).toMatchObject({
      kind: "outcome_notice",
      completedOn: "2017-01-20",
      published: false,
      publication: "",
      notPublishedReason: "It would identify the siblings.",
    });
  });
});
