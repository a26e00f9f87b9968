// Starts the whole app (its backend mocked by the test file) on the board's home page, then
// follows one item of the menu, as a person would.
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import { anytown, byId } from "./fixtures";

/** Waits for the home page, clicks the menu item `navId`, waits for the page headed `heading`. */
export async function openFromHome(navId: string, heading: string) {
  const user = userEvent.setup();
  render(App);
  await screen.findByRole("heading", { level: 1, name: anytown.name });
  await user.click(byId(navId)!);
  await screen.findByRole("heading", { level: 1, name: heading });
  return user;
}
