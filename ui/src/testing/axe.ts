// The accessibility audit the component tests run: axe-core on the whole document, limited to the
// WCAG 2.2 A and AA rules the app is held to.
import axe from "axe-core";
import { beforeAll } from "vitest";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Each rule broken, with the markup that breaks it, so that a failure says where to look. */
export async function violations() {
  const results = await axe.run(document, { runOnly: { type: "tag", values: WCAG_TAGS } });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}

/** The app's index.html declares the language; a component rendered alone has no page around it. */
export function declarePageLanguage() {
  beforeAll(() => {
    document.documentElement.lang = "en-GB";
  });
}
