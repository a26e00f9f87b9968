// One request a button starts: at most one at a time, with the button disabled meanwhile; its
// result is kept for the page to show (a notice, a report, where a file went), and a refusal goes
// to the page's error summary.
import type { IpcError } from "../../backend";
import type { FormErrors } from "./formErrors.svelte";

export class Step<T> {
  busy = $state(false);
  result = $state<T | null>(null);

  /** `aboutField` names the field a refusal is about, as `FormErrors.send` takes it. */
  constructor(
    private readonly errors: FormErrors,
    private readonly aboutField?: (error: IpcError) => string | null,
  ) {}

  /** Runs `request` unless one is running, clearing the last result; true once the new one is kept. */
  async run(request: () => Promise<T>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.result = null;
    const done = await this.errors.send(request, this.aboutField);
    this.busy = false;
    if (done.ok) this.result = done.value;
    return done.ok;
  }
}
