import { tick } from "svelte";

/**
 * Moves focus to the element with this id once Svelte has drawn the change that shows it: a new
 * heading after a page loads, or the next control after one was added or removed.
 */
export async function focusOnceDrawn(id: string) {
  await tick();
  document.getElementById(id)?.focus();
}
