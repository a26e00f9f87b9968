// How the kit's FormGroup ties a control to its label, hint and error, through the controls
// that stand in it.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import { byId } from "../../testing/fixtures";
import Checkbox from "./Checkbox.svelte";
import Radios from "./Radios.svelte";
import TextArea from "./TextArea.svelte";
import TextField from "./TextField.svelte";

afterEach(cleanup);

const group = (id: string) => byId(id)!.closest(".govuk-form-group")!;

describe("a single control", () => {
  it("is named by its label and described by its hint and error, with the red bar", () => {
    render(TextField, { id: "name", name: "name", label: "Name", hint: "As it is printed", error: "Enter a name", value: "" });
    const input = byId("name") as HTMLInputElement;
    expect(document.querySelector("label[for=name]")?.textContent).toBe("Name");
    expect(byId("name-hint")?.textContent).toBe("As it is printed");
    expect(byId("name-error")?.textContent).toBe("Error: Enter a name");
    expect(input.getAttribute("aria-describedby")).toBe("name-hint name-error");
    expect(group("name").classList).toContain("govuk-form-group--error");
    expect(input.classList).toContain("govuk-input--error");
  });

  it("without a hint or an error is described by nothing and has no red bar", () => {
    render(TextField, { id: "name", name: "name", label: "Name", value: "" });
    const input = byId("name")!;
    expect(input.hasAttribute("aria-describedby")).toBe(false);
    expect(byId("name-hint")).toBeNull();
    expect(byId("name-error")).toBeNull();
    expect(group("name").classList).not.toContain("govuk-form-group--error");
  });

  it("can have its label as the page's heading, under a caption", () => {
    render(TextArea, {
      id: "reason",
      name: "reason",
      label: "Why?",
      labelIsHeading: true,
      headingId: "reason-title",
      caption: "Amend the decision",
      value: "",
    });
    const heading = byId("reason-title")!;
    expect(heading.tagName).toBe("H1");
    expect(heading.getAttribute("tabindex")).toBe("-1");
    expect(heading.querySelector("label[for=reason]")?.textContent).toBe("Why?");
    expect(document.querySelector(".govuk-caption-l")?.textContent).toBe("Amend the decision");
  });

  it("a checkbox labels itself and is described by its error", () => {
    render(Checkbox, { id: "agree", name: "agree", label: "I agree", error: "Confirm it", checked: false });
    expect(byId("agree")?.getAttribute("aria-describedby")).toBe("agree-error");
    expect(document.querySelectorAll("label")).toHaveLength(1);
    expect(group("agree").classList).toContain("govuk-form-group--error");
  });
});

describe("a group of inputs", () => {
  it("is a fieldset with a legend, described as a whole; each radio's id ends in its value", () => {
    render(Radios, {
      idPrefix: "colour",
      name: "colour",
      legend: "Colour",
      hint: "Pick one",
      error: "Select a colour",
      options: [
        { value: "red", label: "Red" },
        { value: "blue", label: "Blue", hint: "Like the sky" },
      ],
      value: null,
    });
    const fieldset = document.querySelector("fieldset")!;
    expect(fieldset.getAttribute("aria-describedby")).toBe("colour-hint colour-error");
    expect(fieldset.querySelector("legend")?.textContent).toBe("Colour");
    expect(byId("colour-red")?.hasAttribute("aria-describedby")).toBe(false);
    expect(byId("colour-blue")?.getAttribute("aria-describedby")).toBe("colour-blue-hint");
    expect(byId("colour-error")?.textContent).toBe("Error: Select a colour");
    expect(group("colour-red").classList).toContain("govuk-form-group--error");
  });

  it("can have its legend as the page's heading", () => {
    render(Radios, {
      idPrefix: "assessment",
      name: "assessment",
      legend: "Is the criterion met?",
      legendIsHeading: true,
      headingId: "wizard-criterion",
      options: [{ value: "met", label: "Met" }],
      value: null,
    });
    const heading = byId("wizard-criterion")!;
    expect(heading.tagName).toBe("H1");
    expect(heading.closest("legend")).not.toBeNull();
    expect(heading.textContent).toBe("Is the criterion met?");
  });
});
