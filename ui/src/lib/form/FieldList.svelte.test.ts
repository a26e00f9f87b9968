// A form's fields listed as specs. Named .svelte.test.ts so that the test can hold the answers
// in $state, as the screens do.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { byId } from "../../testing/fixtures";
import FieldList from "./FieldList.svelte";
import { emptyDate } from "./dateParts";
import { inputIdOf, type FieldSpec } from "./fieldProps";

afterEach(cleanup);

const FIELDS: FieldSpec[] = [
  { id: "f-name", name: "name", label: "Name", hint: "As it is printed", inputClass: "govuk-input--width-20" },
  { kind: "textarea", id: "f-notes", name: "notes", label: "Notes", rows: 3 },
  { kind: "select", id: "f-agency", name: "agency", label: "Agency", options: [{ value: "", label: "Choose" }, { value: "police", label: "Police" }] },
  { kind: "date", id: "f-start", name: "start_date", key: "start", label: "Start" },
  { kind: "radios", id: "f-votes", name: "votes", label: "Votes?", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }], inline: true },
];

function fieldList(errors: Record<string, string> = {}, errorKey?: (field: FieldSpec) => string) {
  const values = $state({ name: "", notes: "", agency: "", start: emptyDate(), votes: null as string | null });
  render(FieldList, { fields: FIELDS, values, errors, errorKey });
  return values;
}

describe("a list of fields", () => {
  it("draws each kind of control in order, with its label, hint and ids", () => {
    fieldList();
    const ids = [...document.querySelectorAll("input, textarea, select")].map((e) => e.id);
    expect(ids).toEqual(["f-name", "f-notes", "f-agency", "f-start-day", "f-start-month", "f-start-year", "f-votes-yes", "f-votes-no"]);
    expect(document.querySelector("label[for=f-name]")?.textContent).toBe("Name");
    expect(byId("f-name-hint")?.textContent).toBe("As it is printed");
    expect(byId("f-name")?.classList).toContain("govuk-input--width-20");
    expect(byId("f-notes")?.getAttribute("rows")).toBe("3");
    expect(byId("f-votes-yes")?.closest(".govuk-radios")?.classList).toContain("govuk-radios--inline");
  });

  it("writes each answer under the field's key", async () => {
    const user = userEvent.setup();
    const values = fieldList();
    await user.type(byId("f-name")!, "Dr Jane Smith");
    await user.type(byId("f-notes")!, "Chair");
    await user.selectOptions(byId("f-agency")!, "police");
    await user.type(byId("f-start-day")!, "1");
    await user.type(byId("f-start-month")!, "4");
    await user.type(byId("f-start-year")!, "2024");
    await user.click(byId("f-votes-no")!);
    expect(values).toEqual({ name: "Dr Jane Smith", notes: "Chair", agency: "police", start: { day: "1", month: "4", year: "2024" }, votes: "no" });
  });

  it("finds errors by name, or by the input they link to", () => {
    fieldList({ name: "Enter a name", start_date: "Enter a real date" });
    expect(byId("f-name-error")?.textContent).toContain("Enter a name");
    expect(byId("f-start-error")?.textContent).toContain("Enter a real date");
    cleanup();

    fieldList({ "f-start-day": "The start must be a real date", "f-votes-yes": "Say whether they vote" }, inputIdOf);
    expect(byId("f-start-error")?.textContent).toContain("The start must be a real date");
    expect(byId("f-votes-error")?.textContent).toContain("Say whether they vote");
    expect(byId("f-name-error")).toBeNull();
  });
});
