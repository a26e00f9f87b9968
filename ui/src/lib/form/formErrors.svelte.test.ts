// FormErrors: from the page's own checks and the backend's refusals to the messages beside the
// fields, the error summary's links, and focus. Named .svelte.test.ts: FormErrors holds runes.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import type { IpcError } from "../../backend";
import FormKitSample from "../../testing/FormKitSample.svelte";
import { byId } from "../../testing/fixtures";
import ErrorSummary from "./ErrorSummary.svelte";
import { FormErrors } from "./formErrors.svelte";

afterEach(cleanup);

/** FormKitSample's fields, as the backend would name them, and the inputs their links land on. */
const SAMPLE_INPUT_IDS: Record<string, string> = {
  name: "sample-name",
  notes: "sample-notes",
  agency: "sample-agency",
  colour: "sample-colour-red",
  agree: "sample-agree",
  days: "sample-days-mon",
  start: "sample-start-day",
  file: "sample-file",
};

function refusal(fields: Array<{ field: string; message: string }>, message = "The form needs correcting"): IpcError {
  return { code: "member.invalid", message, details: { cause: null, fields, actions: [] } };
}

describe("the problems a form shows", () => {
  it("from the page's own checks, named by input id, link to those inputs", async () => {
    const errors = new FormErrors();
    expect(await errors.found({ "start-day": "The start must be a real date", "end-day": "The end must include a year" })).toBe(true);
    expect(errors.items).toEqual([
      { message: "The start must be a real date", targetId: "start-day" },
      { message: "The end must include a year", targetId: "end-day" },
    ]);
    expect(errors.messages["start-day"]).toBe("The start must be a real date");
    expect(errors.any).toBe(true);
  });

  it("from the backend's fields link through the form's table; a field it does not know has no link", async () => {
    const errors = new FormErrors({ email: "member-email", voting: "member-voting-voting" });
    const sent = await errors.send(() =>
      Promise.reject(
        refusal([
          { field: "email", message: "Enter an email address" },
          { field: "email", message: "A second message about the email" },
          { field: "voting", message: "Select whether they vote" },
          { field: "mystery", message: "Something else" },
        ]),
      ),
    );
    expect(sent.ok).toBe(false);
    expect(errors.items).toEqual([
      { message: "Enter an email address", targetId: "member-email" },
      { message: "A second message about the email", targetId: "member-email" },
      { message: "Select whether they vote", targetId: "member-voting-voting" },
      { message: "Something else" },
    ]);
    // Beside each field, its first message.
    expect(errors.messages).toEqual({ email: "Enter an email address", voting: "Select whether they vote", mystery: "Something else" });
  });

  it("from a refusal without fields, or on a page that does not know the backend's names, is its message", async () => {
    const withTable = new FormErrors({ email: "member-email" });
    await withTable.fail(refusal([], "The archive is locked"));
    expect(withTable.items).toEqual([{ message: "The archive is locked" }]);
    expect(withTable.messages).toEqual({});

    const byInputId = new FormErrors();
    await byInputId.fail(refusal([{ field: "rationale", message: "Too short" }], "The decision cannot be saved"));
    expect(byInputId.items).toEqual([{ message: "The decision cannot be saved" }]);
  });

  it("can put a refusal beside the one field it is about", async () => {
    const errors = new FormErrors();
    const aboutKey = (error: IpcError) => (error.code.startsWith("recovery.") ? "recovery-key-input" : null);
    await errors.fail({ code: "recovery.wrong_key", message: "That is not the recovery key", details: null }, aboutKey);
    expect(errors.items).toEqual([{ message: "That is not the recovery key", targetId: "recovery-key-input" }]);
    expect(errors.messages["recovery-key-input"]).toBe("That is not the recovery key");
    await errors.fail({ code: "keyring.locked", message: "The keyring is locked", details: null }, aboutKey);
    expect(errors.items).toEqual([{ message: "The keyring is locked" }]);
  });

  it("are replaced by each new attempt, and nothing found is nothing shown", async () => {
    const errors = new FormErrors();
    await errors.fail(refusal([], "Refused"));
    expect(await errors.found({})).toBe(false);
    expect(errors.any).toBe(false);
    await errors.found([{ message: "Not about a field" }]);
    const sent = await errors.send(() => Promise.resolve(42));
    expect(sent).toEqual({ ok: true, value: 42 });
    expect(errors.items).toEqual([]);
  });
});

describe("loading what a page shows", () => {
  it("hands the value over, or shows the refusal without a value", async () => {
    const errors = new FormErrors();
    const loaded: string[] = [];
    await errors.load(async () => "settings", (value) => loaded.push(value));
    expect(loaded).toEqual(["settings"]);
    expect(errors.any).toBe(false);

    const refusal: IpcError = { code: "archive.io", message: "The archive could not be read.", details: null };
    await errors.load(() => Promise.reject(refusal), (value) => loaded.push(value));
    expect(loaded).toEqual(["settings"]);
    expect(errors.items.map((item) => item.message)).toEqual(["The archive could not be read."]);
  });
});

describe("the error summary", () => {
  it("takes focus after a failed submit, and its link puts focus in the input", async () => {
    const user = userEvent.setup();
    const errors = new FormErrors();
    render(ErrorSummary, { errors });
    expect(byId("error-summary")).toBeNull();
    const input = document.body.appendChild(Object.assign(document.createElement("input"), { id: "start-day" }));

    await errors.found({ "start-day": "The start must be a real date" });
    const summary = byId("error-summary")!;
    expect(document.activeElement).toBe(summary);
    expect(within(summary).getByRole("alert").textContent).toContain("There is a problem");

    await user.click(within(summary).getByRole("link", { name: "The start must be a real date" }));
    expect(document.activeElement).toBe(input);
    input.remove();
  });

  it("does not take focus for a page that could not load", async () => {
    const errors = new FormErrors();
    render(ErrorSummary, { errors });
    errors.show(refusal([], "The member could not be read"));
    await Promise.resolve();
    expect(await within(document.body).findByText("The member could not be read")).toBeTruthy();
    expect(document.activeElement).toBe(document.body);
  });
});

describe("every control of the kit on one page", () => {
  it("shows each refused field beside its control and links to it, says Error: in the title, and passes axe", async () => {
    document.documentElement.lang = "en-GB"; // as index.html sets it
    const errors = new FormErrors(SAMPLE_INPUT_IDS);
    render(FormKitSample, { errors });
    expect(document.title).toBe("A sample form – SCR Decision Desk");
    const fields = Object.keys(SAMPLE_INPUT_IDS).map((field) => ({ field, message: `Problem with ${field}` }));
    await errors.fail(refusal(fields));

    expect(document.title).toBe("Error: A sample form – SCR Decision Desk");
    const links = within(byId("error-summary")!).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(Object.values(SAMPLE_INPUT_IDS).map((id) => `#${id}`));
    for (const id of Object.values(SAMPLE_INPUT_IDS)) expect(byId(id), id).not.toBeNull();
    for (const field of Object.keys(SAMPLE_INPUT_IDS)) {
      expect(document.body.textContent).toContain(`Error: Problem with ${field}`);
    }
    // Every id an aria-describedby names is on the page.
    for (const element of document.querySelectorAll("[aria-describedby]")) {
      for (const id of element.getAttribute("aria-describedby")!.split(" ")) expect(byId(id), id).not.toBeNull();
    }
    const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
