// The set-up shared by the tests of the letters page (IssueLettersScreen) against the mocked
// backend: a case with one finalised decision, signing set up, no details allowed yet, and pdf.js
// replaced (the test file still says `vi.mock("pdfjs-dist", ...)`, which must stand in it).
import { afterEach, beforeEach, vi } from "vitest";
import { annexOverrides, getCase, signingStatus } from "../backend";
import { declarePageLanguage } from "./axe";
import { view } from "./cases";
import { stubPdfPages } from "./pdfjsStub";

export function setUpLettersPage(pdfPages: number) {
  declarePageLanguage();
  stubPdfPages(pdfPages);
  beforeEach(() => {
    vi.mocked(getCase).mockResolvedValue(view({ decisions: [{ version: 1, contentHash: "ab", amendmentReason: null }] }));
    vi.mocked(signingStatus).mockResolvedValue({ setUp: true, boardCertificate: null, signers: [], defaultSignerIds: [] });
    vi.mocked(annexOverrides).mockResolvedValue([]);
  });
  afterEach(() => {
    vi.clearAllMocks();
  });
}
