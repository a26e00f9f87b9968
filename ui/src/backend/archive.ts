// The archive itself: opening it, the board's profile, the recovery key, checks and backups,
// and the demonstration board.
import { call } from "./ipc";
import type { AppStatus } from "../generated/AppStatus";
import type { BackupMade } from "../generated/BackupMade";
import type { BoardProfile } from "../generated/BoardProfile";
import type { DemoCreated } from "../generated/DemoCreated";
import type { FirstScreen } from "../generated/FirstScreen";
import type { IntegrityReport } from "../generated/IntegrityReport";
import type { IssuedRecoveryKey } from "../generated/IssuedRecoveryKey";

export type { AppStatus, BackupMade, BoardProfile, DemoCreated, FirstScreen, IntegrityReport, IssuedRecoveryKey };

/** The data block the window puts the first screen in, when ready (src-tauri/src/first_screen_in_page.rs). */
const IN_PAGE = "scr-desk-first-screen";

/**
 * Opens the archive (creating it on first run) and says what the first screen shows: the status,
 * and the home page when it leads there.
 */
export function firstScreen(): Promise<FirstScreen> {
  return call<FirstScreen>("first_screen");
}

/**
 * The first screen the window put in the page, when it had it ready; taken, so the next call
 * gives null. Also null when what the page holds cannot be read: the page then asks
 * `firstScreen()` as if it had come without it.
 */
export function firstScreenInPage(): FirstScreen | null {
  if (typeof document === "undefined") return null;
  const block = document.getElementById(IN_PAGE);
  if (!block) return null;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? "") as FirstScreen;
  } catch {
    return null;
  }
}

/** Saves the board's name and area; the backend trims and validates them. */
export function saveBoardProfile(profile: BoardProfile): Promise<BoardProfile> {
  return call<BoardProfile>("save_board_profile", { profile });
}

/**
 * Makes a new recovery key, replacing any earlier one (the archive gets a new key with it), and
 * returns it this once. A passphrase, if one is set, is kept only when given again here.
 * Callers must not keep or log either beyond showing the key.
 */
export function issueRecoveryKey(passphrase: string | null = null): Promise<IssuedRecoveryKey> {
  return call<IssuedRecoveryKey>("issue_recovery_key", { passphrase });
}

/** Records that the chair has stored the recovery key, so the app stops asking. */
export function confirmRecoveryKey(): Promise<AppStatus> {
  return call<AppStatus>("confirm_recovery_key");
}

/** Opens a locked archive with the recovery key as typed; the backend forgives case, spaces and hyphens. */
export function recoverArchive(recoveryKey: string): Promise<AppStatus> {
  return call<AppStatus>("recover_archive", { recoveryKey });
}

/** Checks the archive file and its audit trail. */
export function checkArchive(): Promise<IntegrityReport> {
  return call<IntegrityReport>("check_archive");
}

/** Writes an encrypted backup into the user's Documents folder. */
export function backupArchive(): Promise<BackupMade> {
  return call<BackupMade>("backup_archive");
}

/** Creates the archive with the fictional demonstration board (first run only). */
export function startDemo(): Promise<DemoCreated> {
  return call<DemoCreated>("start_demo");
}
