export const PRODUCT_NAME = "SCR Decision Desk";

/** GOV.UK convention: "Page – Product", with "Error: " in front while a form shows errors. */
export function pageTitle(page: string, hasError = false): string {
  return `${hasError ? "Error: " : ""}${page} – ${PRODUCT_NAME}`;
}
