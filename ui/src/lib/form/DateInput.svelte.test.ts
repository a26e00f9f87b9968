// The GOV.UK date input of the kit. Named .svelte.test.ts so that the test can hold the boxes
// in $state, as the screens do.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { byId } from "../../testing/fixtures";
import DateInput from "./DateInput.svelte";
import { emptyDate, type DateParts } from "./dateParts";

afterEach(cleanup);

const value = (id: string) => (byId(id) as HTMLInputElement).value;

function dateInput(props: { id: string; dayId?: string; error?: string | null; parts?: DateParts }) {
  const parts = $state(props.parts ?? emptyDate());
  render(DateInput, { legend: "Start of their term", ...props, parts });
  return parts;
}

describe("the date input", () => {
  it("has a day, month and year box, labelled, in a fieldset that names the date", () => {
    dateInput({ id: "start" });
    for (const [box, label] of [["day", "Day"], ["month", "Month"], ["year", "Year"]]) {
      expect(document.querySelector(`label[for=start-${box}]`)?.textContent).toBe(label);
      expect(byId(`start-${box}`)?.getAttribute("inputmode")).toBe("numeric");
    }
    expect(document.querySelector("legend")?.textContent).toBe("Start of their term");
    expect(byId("start")?.classList).toContain("govuk-date-input");
    expect(document.querySelector("fieldset")?.getAttribute("aria-describedby")).toBe("start-hint");
  });

  it("reads each box into the date", async () => {
    const user = userEvent.setup();
    const parts = dateInput({ id: "start" });
    await user.type(byId("start-day")!, "1");
    await user.type(byId("start-month")!, "4");
    await user.type(byId("start-year")!, "2024");
    expect(parts).toEqual({ day: "1", month: "4", year: "2024" });
  });

  it("shows the date it is given", () => {
    dateInput({ id: "start", parts: { day: "1", month: "4", year: "2024" } });
    expect([value("start-day"), value("start-month"), value("start-year")]).toEqual(["1", "4", "2024"]);
  });

  it("spreads a whole date typed into the day box over the three boxes", async () => {
    const user = userEvent.setup();
    const parts = dateInput({ id: "start" });
    await user.type(byId("start-day")!, "31/12/2025");
    expect(parts).toEqual({ day: "31", month: "12", year: "2025" });
    expect([value("start-day"), value("start-month"), value("start-year")]).toEqual(["31", "12", "2025"]);
  });

  it("spreads a pasted date even when the day does not change", async () => {
    const user = userEvent.setup();
    const parts = dateInput({ id: "start", parts: { day: "1", month: "", year: "" } });
    const day = byId("start-day") as HTMLInputElement;
    await user.tripleClick(day);
    await user.paste("1/4/2026");
    expect(parts).toEqual({ day: "1", month: "4", year: "2026" });
    expect(day.value).toBe("1");
  });

  it("keeps the id of the single box it replaced on the day box, and none twice", () => {
    dateInput({ id: "member-term-start", dayId: "member-term-start" });
    const day = byId("member-term-start")!;
    expect(day.tagName).toBe("INPUT");
    expect(document.querySelector("label[for=member-term-start]")?.textContent).toBe("Day");
    expect(byId("member-term-start-month")).not.toBeNull();
    expect(document.querySelectorAll("#member-term-start")).toHaveLength(1);
  });

  it("marks every box when the date is wrong", () => {
    dateInput({ id: "start", error: "The start must be a real date" });
    expect(byId("start-error")?.textContent).toBe("Error: The start must be a real date");
    expect(document.querySelector("fieldset")?.getAttribute("aria-describedby")).toBe("start-hint start-error");
    expect(document.querySelectorAll(".govuk-input--error")).toHaveLength(3);
  });
});
