// What a form shows when it cannot go on: the message beside each field, the error summary
// with a link to each field's input, and focus on that summary, as GOV.UK asks.
// https://design-system.service.gov.uk/components/error-summary/
// Problems come from two places: what the page finds before sending (a date that is not a
// date) and what the backend refuses with (an IpcError whose `details.fields` name fields).
import { tick } from "svelte";
import { toIpcError, type IpcError } from "../../backend";

/** One problem: about a field, or (no field) about the form as a whole. */
export interface Problem {
  field?: string | null;
  message: string;
}

export interface ErrorSummaryItem {
  message: string;
  /** Id of the input the message is about; omitted for errors not tied to a field. */
  targetId?: string;
}

/** What came back from a request: its value, or the refusal (already shown). */
export type Sent<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export class FormErrors {
  /** What the page found before sending; cleared by `clear`. */
  #found = $state<Problem[]>([]);
  /** The backend's refusal, if the last request was refused. */
  failure = $state<IpcError | null>(null);
  /** The field a refusal without fields is about, for a form of one question. */
  #failureField = $state<string | null>(null);
  /** Where the summary stands while it is shown (a plain field: nothing renders from it). */
  #summary: HTMLElement | null = null;
  readonly #inputIds: Record<string, string> | null;

  /**
   * `inputIds` maps the backend's field names to the ids of the inputs their links land on (a
   * field missing from it gets a message but no link); the page names its own problems the same
   * way. Without it the page names its problems by their input's id (as the wizard's pages do),
   * and a refusal is shown by its message alone: the page does not know the backend's names.
   */
  constructor(inputIds: Record<string, string> | null = null) {
    this.#inputIds = inputIds;
  }

  /** Every problem shown, the page's own first. */
  readonly problems = $derived.by((): Problem[] => {
    const failure = this.failure;
    if (!failure) return this.#found;
    const fields = this.#inputIds ? (failure.details?.fields ?? []) : [];
    const refused = fields.length > 0 ? fields : [{ field: this.#failureField, message: failure.message }];
    return [...this.#found, ...refused];
  });

  /** The first message for each field, to show beside it. */
  readonly messages = $derived.by(() => {
    const messages: Record<string, string> = {};
    for (const { field, message } of this.problems) if (field) messages[field] ??= message;
    return messages;
  });

  readonly items = $derived(
    this.problems.map(({ field, message }): ErrorSummaryItem => {
      const targetId = field ? this.inputId(field) : undefined;
      return targetId ? { message, targetId } : { message };
    }),
  );

  get any(): boolean {
    return this.problems.length > 0;
  }

  /** The id of the input a field's link lands on. */
  inputId(field: string): string | undefined {
    return this.#inputIds ? this.#inputIds[field] : field;
  }

  /** Before trying again: the old problems go. */
  clear() {
    this.#found = [];
    this.failure = null;
    this.#failureField = null;
  }

  /**
   * Shows what the page found before sending (by field, in the order given) in place of the old
   * problems, and moves focus to the summary. True when there was anything: the form must not be sent.
   */
  async found(problems: Problem[] | Partial<Record<string, string>>): Promise<boolean> {
    this.clear();
    this.#found = Array.isArray(problems)
      ? problems
      : Object.entries(problems).flatMap(([field, message]) => (message === undefined ? [] : [{ field, message }]));
    if (this.#found.length === 0) return false;
    await this.focusSummary();
    return true;
  }

  /**
   * Shows why the backend refused and moves focus to the summary. `aboutField` names the one
   * field a refusal without fields is about (a form of one question), or null when it is not.
   */
  async fail(caught: unknown, aboutField?: (error: IpcError) => string | null): Promise<IpcError> {
    const error = toIpcError(caught);
    this.failure = error;
    this.#failureField = aboutField?.(error) ?? null;
    await this.focusSummary();
    return error;
  }

  /**
   * Sends one request to the backend: the old problems go first, and a refusal is shown with
   * focus on the summary (`aboutField` as for `fail`). Says what came back.
   */
  async send<T>(request: () => Promise<T>, aboutField?: (error: IpcError) => string | null): Promise<Sent<T>> {
    this.clear();
    try {
      return { ok: true, value: await request() };
    } catch (caught) {
      return { ok: false, error: await this.fail(caught, aboutField) };
    }
  }

  /**
   * Asks the backend for what a page shows on opening and hands it to `use`; a refusal is shown
   * instead, without moving focus (as for `show`).
   */
  async load<T>(request: () => Promise<T>, use: (value: T) => void): Promise<void> {
    try {
      use(await request());
    } catch (caught) {
      this.show(caught);
    }
  }

  /** Shows a refusal without moving focus: a page that could not load keeps it on its heading. */
  show(caught: unknown): IpcError {
    this.clear();
    this.failure = toIpcError(caught);
    return this.failure;
  }

  /** Moves focus to the summary once it is on the page (after the next render). */
  async focusSummary() {
    await tick();
    this.#summary?.focus();
  }

  /** Used by ErrorSummary to say where it stands. */
  readonly placeSummary = (element: HTMLElement) => {
    this.#summary = element;
    return () => {
      if (this.#summary === element) this.#summary = null;
    };
  };
}
