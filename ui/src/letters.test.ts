// The Signing and "Verify a letter" pages, against a mocked backend: the form, its errors, the
// result panels, and an axe-core pass on each state.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/svelte";
import { declarePageLanguage, violations } from "./testing/axe";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  firstScreen,
  exportBoardCertificate,
  setUpSigning,
  signingStatus,
  verifyLetter,
  type LetterVerification,
  type SigningStatus,
} from "./backend";
import { openFromHome } from "./testing/openFromHome";
import { anytown, byId, status, textOf, opened } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const FINGERPRINT = "A81D9EB33AFD55EBCC3945A530896F1008A5F3DB4433887741C92A2B3646330C";
const GROUPED = FINGERPRINT.match(/.{4}/g)!.join(" ");

const notSetUp: SigningStatus = { setUp: false, boardCertificate: null, signers: [], defaultSignerIds: [] };
const setUp: SigningStatus = {
  setUp: true,
  boardCertificate: {
    subject: "Anytown Safeguarding Children Board signing authority",
    fingerprint: FINGERPRINT,
    fingerprintGrouped: GROUPED,
    validFrom: "2026-01-01T00:00:00Z",
    validUntil: "2036-01-01T00:00:00Z",
  },
  signers: [
    {
      id: 1,
      label: "chair",
      name: "Dr Jane Smith",
      role: "Independent Chair",
      certificate: {
        subject: "Dr Jane Smith, Independent Chair",
        fingerprint: "9EDF".repeat(16),
        fingerprintGrouped: Array(16).fill("9EDF").join(" "),
        validFrom: "2026-01-01T00:00:00Z",
        validUntil: "2029-01-01T00:00:00Z",
      },
    },
  ],
  defaultSignerIds: [1],
};

function verification(valid: boolean): LetterVerification {
  return {
    valid,
    intact: valid,
    trustedByBoard: true,
    headline: valid
      ? "This letter is genuine."
      : "This letter has been changed since it was signed, or its signature is damaged. Do not rely on it.",
    problems: valid ? [] : ["Signature 1: the signed bytes do not match the signature (digest mismatch)"],
    trustSource: "archive",
    trustNote: null,
    trustedFingerprints: [GROUPED],
    fileSha256: "AB".repeat(32),
    fileSize: 54321,
    signatures: [
      {
        number: 1,
        signerName: "Dr Jane Smith",
        signerRole: "Independent Chair",
        signerOrganisation: anytown.name,
        signedAt: "2026-04-12T13:03:00Z",
        signedAtDisplay: "12 April 2026 at 14:03 BST",
        certificateFingerprint: "9EDF".repeat(16),
        certificateFingerprintGrouped: Array(16).fill("9EDF").join(" "),
        integrity: valid ? "intact" : "digest_mismatch",
        intact: valid,
        trustedByBoard: true,
        coversWholeFile: true,
        modifiedAfterSigning: false,
        valid,
        problems: valid ? [] : ["the signed bytes do not match the signature (digest mismatch)"],
        timestamp: valid
          ? {
              authority: "Anytown Council timestamp authority",
              at: "2026-04-12T13:03:02Z",
              atDisplay: "12 April 2026 at 14:03 BST",
              holds: true,
              trusted: true,
            }
          : null,
      },
    ],
    document: {
      pdfa: valid ? "PDF/A-2a" : null,
      pdfua: valid ? "PDF/UA-1" : null,
      tagged: valid,
      longTermValidation: valid,
      revocationListTrusted: valid,
      summary: [],
    },
    archiveChecked: true,
    archiveMatches: valid
      ? [
          {
            id: 3,
            reference: "SCR-2026-004",
            kind: "decision_notice",
            recipient: "circular",
            sha256: "AB".repeat(32),
            size: 54321,
            createdAt: "2026-04-12T13:03:00Z",
            signerFingerprints: ["9EDF".repeat(16)],
          },
        ]
      : [],
  };
}

declarePageLanguage();

beforeEach(() => {
  document.title = "";
  vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
});

afterEach(() => {
  vi.resetAllMocks();
});

const open = openFromHome;

describe("the Signing page", () => {
  it("sets up signing from the form, showing field errors first", async () => {
    vi.mocked(signingStatus).mockResolvedValue(notSetUp);
    vi.mocked(setUpSigning)
      .mockRejectedValueOnce({
        code: "signing.invalid",
        message: "The signing details need correcting",
        details: { cause: null, fields: [{ field: "chairName", message: "Enter the chair's name" }], actions: [] },
      })
      .mockResolvedValueOnce(setUp);
    const user = await open("nav-signing", "Signing");
    await screen.findByLabelText("Chair’s full name");
    expect(await violations()).toEqual([]);

    await user.click(byId("set-up-signing")!);
    await screen.findByText("There is a problem");
    expect(document.title).toBe("Error: Signing – SCR Decision Desk");
    expect(byId("chair-name-error")?.textContent).toContain("Enter the chair's name");
    expect(await violations()).toEqual([]);

    await user.type(byId("chair-name")!, "  Dr Jane Smith ");
    await user.click(byId("set-up-signing")!);
    await screen.findByText(GROUPED);
    expect(vi.mocked(setUpSigning)).toHaveBeenLastCalledWith({
      chairName: "Dr Jane Smith",
      chairRole: "Independent Chair",
    });
    expect(textOf("signers")).toContain("Dr Jane Smith");
    expect(await violations()).toEqual([]);
  });

  it("saves the board's certificate and says where", async () => {
    vi.mocked(signingStatus).mockResolvedValue(setUp);
    vi.mocked(exportBoardCertificate).mockResolvedValue({
      path: "/home/chair/Documents/SCR Decision Desk certificates/Board certificate A81D9EB3.cer",
      format: "cer",
      fingerprint: FINGERPRINT,
      fingerprintGrouped: GROUPED,
    });
    const user = await open("nav-signing", "Signing");
    await user.click(await screen.findByRole("button", { name: "Save the board’s certificate" }));
    await screen.findByText("The board’s certificate was saved");
    expect(textOf("certificate-path")).toContain("A81D9EB3.cer");
    expect(document.activeElement).toBe(byId("certificate-saved"));
    expect(await violations()).toEqual([]);
  });
});

describe("the Verify a letter page", () => {
  it("asks for a file, then shows a genuine letter's details", async () => {
    vi.mocked(verifyLetter).mockResolvedValue(verification(true));
    const user = await open("nav-verify", "Verify a letter");
    expect(await violations()).toEqual([]);

    await user.click(byId("verify-letter")!);
    await screen.findByText("There is a problem");
    expect(byId("letter-file-error")?.textContent).toContain("Select the letter");
    expect(vi.mocked(verifyLetter)).not.toHaveBeenCalled();

    await user.upload(byId("letter-file") as HTMLInputElement, new File(["%PDF-1.7"], "letter.pdf", { type: "application/pdf" }));
    await user.click(byId("verify-letter")!);
    await screen.findByText("This letter is genuine");
    expect(Array.from(vi.mocked(verifyLetter).mock.calls[0][0])).toEqual(Array.from(new TextEncoder().encode("%PDF-1.7")));
    expect(textOf("signature-1-signer")).toBe("Dr Jane Smith, Independent Chair");
    expect(textOf("verify-archive")).toContain("Matches letter SCR-2026-004 (to all members)");
    expect(textOf("verify-pdfa")).toBe("PDF/A-2a");
    expect(textOf("verify-tagged")).toBe("Yes, PDF/UA-1");
    expect(textOf("verify-ltv")).toContain("checked without going online");
    expect(textOf("signature-1-timestamp")).toContain("12 April 2026 at 14:03 BST, by Anytown Council timestamp authority");
    expect(textOf("signature-1-timestamp")).toContain("Trusted");
    expect(document.activeElement).toBe(byId("verify-result"));
    expect(await violations()).toEqual([]);
  });

  it("names what is wrong with a changed letter", async () => {
    vi.mocked(verifyLetter).mockResolvedValue(verification(false));
    const user = await open("nav-verify", "Verify a letter");
    await user.upload(byId("letter-file") as HTMLInputElement, new File(["%PDF-1.7 changed"], "changed.pdf"));
    await user.click(byId("verify-letter")!);
    await screen.findByText(/has been changed since it was signed/);
    expect(textOf("error-summary")).toContain("digest mismatch");
    expect(byId("verify-result")).toBeNull();
    expect(textOf("verify-intact")).toBe("No");
    expect(textOf("verify-archive")).toContain("No letter with exactly these contents");
    expect(textOf("verify-pdfa")).toBe("None claimed");
    expect(textOf("signature-1-timestamp")).toContain("the signer's own clock");
    expect(await violations()).toEqual([]);
  });
});

describe("the Verify a letter page with files it cannot use", () => {
  it("says so when the chosen file cannot be read", async () => {
    vi.mocked(verifyLetter).mockClear();
    const user = await open("nav-verify", "Verify a letter");
    const unreadable = new File(["%PDF-1.7"], "letter.pdf", { type: "application/pdf" });
    Object.defineProperty(unreadable, "arrayBuffer", { value: () => Promise.reject(new DOMException("gone", "NotReadableError")) });
    await user.upload(byId("letter-file") as HTMLInputElement, unreadable);
    await user.click(byId("verify-letter")!);
    await screen.findByText("There is a problem");
    expect(byId("letter-file-error")?.textContent).toContain("The file could not be read");
    expect(vi.mocked(verifyLetter)).not.toHaveBeenCalled();
    expect(byId("verify-letter")?.hasAttribute("disabled")).toBe(false);
    expect(await violations()).toEqual([]);
  });

  it("shows the backend's reason for a file it refused or stopped checking", async () => {
    for (const [code, message] of [
      ["letter.too_many_signatures", "The file has more than 16 signatures; no letter has that many."],
      ["letter.verify_timeout", "Checking the letter took longer than 20 seconds. The check was stopped."],
    ] as const) {
      vi.mocked(verifyLetter).mockRejectedValueOnce({ code, message, details: { cause: null, fields: [], actions: [] } });
      const user = await open("nav-verify", "Verify a letter");
      await user.upload(byId("letter-file") as HTMLInputElement, new File(["%PDF-1.7"], "odd.pdf"));
      await user.click(byId("verify-letter")!);
      await screen.findByText(message);
      expect(byId("verify-result")).toBeNull();
      expect(byId("verify-letter")?.textContent).toContain("Check the letter");
    }
  });
});

describe("the backend module", () => {
  it("sends the letter's bytes as an array of numbers", async () => {
    const actual = await vi.importActual<typeof import("./backend")>("./backend");
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return verification(true);
    });
    await actual.verifyLetter(new Uint8Array([37, 80, 68, 70]));
    await actual.setUpSigning({ chairName: "A", chairRole: "B" });
    await actual.signingStatus();
    await actual.exportBoardCertificate();
    expect(calls).toEqual([
      ["verify_letter", { pdf: [37, 80, 68, 70] }],
      ["set_up_signing", { input: { chairName: "A", chairRole: "B" } }],
      ["signing_status", {}],
      ["export_board_certificate", {}],
    ]);
    clearMocks();
  });
});
