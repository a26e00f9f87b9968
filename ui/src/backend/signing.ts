// Signing letters: the board's certificate and signers, checking a letter, trusted timestamps.
import { call } from "./ipc";
import type { CertificateExported } from "../generated/CertificateExported";
import type { CertificateSummary } from "../generated/CertificateSummary";
import type { IssuedLetterSummary } from "../generated/IssuedLetterSummary";
import type { LetterVerification } from "../generated/LetterVerification";
import type { SignatureCheck } from "../generated/SignatureCheck";
import type { SignerSummary } from "../generated/SignerSummary";
import type { SigningSetupInput } from "../generated/SigningSetupInput";
import type { SigningStatus } from "../generated/SigningStatus";
import type { TimestampSettingsInput } from "../generated/TimestampSettingsInput";
import type { TimestampSettingsView } from "../generated/TimestampSettingsView";
import type { TimestampCheck } from "../generated/TimestampCheck";
import type { DocumentCheck } from "../generated/DocumentCheck";

export type {
  CertificateExported,
  CertificateSummary,
  IssuedLetterSummary,
  LetterVerification,
  SignatureCheck,
  SignerSummary,
  SigningSetupInput,
  SigningStatus,
};
export type { DocumentCheck, TimestampCheck, TimestampSettingsInput, TimestampSettingsView };

/** Letters are about 60 KB; the backend refuses anything over 20 MB, so the UI does too. */
export const MAX_LETTER_BYTES = 20 * 1024 * 1024;

/** Whether the board can sign letters: its certificate and the signers. */
export function signingStatus(): Promise<SigningStatus> {
  return call<SigningStatus>("signing_status");
}

/** Creates the board's certificate and the chair's signing key, kept inside the archive. */
export function setUpSigning(input: SigningSetupInput): Promise<SigningStatus> {
  return call<SigningStatus>("set_up_signing", { input });
}

/** Saves the board's certificate as a .cer file in the Documents folder, for members to trust. */
export function exportBoardCertificate(): Promise<CertificateExported> {
  return call<CertificateExported>("export_board_certificate");
}

/**
 * Checks a letter against this board's certificate and its record of issued letters.
 * The bytes cross to Rust as a plain array of numbers (`Vec<u8>` on the other side): letters are
 * small, and this needs no encoding on either side.
 */
export function verifyLetter(pdf: Uint8Array): Promise<LetterVerification> {
  return call<LetterVerification>("verify_letter", { pdf: Array.from(pdf) });
}

export function timestampSettings(): Promise<TimestampSettingsView> {
  return call<TimestampSettingsView>("timestamp_settings");
}

/** Saves the timestamp authority after one test request to it; an empty address turns timestamping off. */
export function saveTimestampSettings(input: TimestampSettingsInput): Promise<TimestampSettingsView> {
  return call<TimestampSettingsView>("save_timestamp_settings", { input });
}
