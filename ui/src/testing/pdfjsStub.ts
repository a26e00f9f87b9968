// pdf.js needs a real canvas; this stand-in for "pdfjs-dist" draws nothing but records the pages it
// was asked for. A test that uses it says so with `vi.mock("pdfjs-dist", () => import("./testing/pdfjsStub"))`
// and sets `pdfStub.numPages` to the number of pages its document has.
import { beforeAll, beforeEach } from "vitest";

export const pdfStub = { numPages: 1, rendered: [] as number[] };

export const GlobalWorkerOptions = {};

export function getDocument() {
  return {
    promise: Promise.resolve({
      numPages: pdfStub.numPages,
      getPage: async (n: number) => ({
        getViewport: () => ({ width: 595, height: 842 }),
        render: () => ({ promise: Promise.resolve(pdfStub.rendered.push(n)) }),
      }),
    }),
  };
}

/** For a test file that previews letters: jsdom has no canvas, and each test starts with no page drawn. */
export function stubPdfPages(numPages: number) {
  beforeAll(() => {
    pdfStub.numPages = numPages;
    HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as HTMLCanvasElement["getContext"];
  });
  beforeEach(() => {
    pdfStub.rendered.length = 0;
  });
}
