// What a settings page does when a button is pressed: one request at a time, the buttons disabled
// meanwhile; what was done becomes the page's notice, and a refusal goes to its error summary.
import type { IpcError } from "../../backend";
import type { FormErrors } from "./formErrors.svelte";

export class NoticeTask {
  busy = $state(false);
  notice = $state<string | null>(null);

  /** `aboutField` names the field a refusal is about, as `FormErrors.send` takes it. */
  constructor(
    private readonly errors: FormErrors,
    private readonly aboutField?: (error: IpcError) => string | null,
  ) {}

  /** Runs `action` unless one is running; its result is the notice. */
  async run(action: () => Promise<string>) {
    if (this.busy) return;
    this.busy = true;
    this.notice = null;
    const done = await this.errors.send(action, this.aboutField);
    this.busy = false;
    if (done.ok) this.notice = done.value;
  }
}
