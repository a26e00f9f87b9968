// The archive itself: opening it, the board's profile, the recovery key, checks and backups,
// and the demonstration board.
import { answerOf, call } from "./ipc";
import type { AppStatus } from "../generated/AppStatus";
import type { BackupMade } from "../generated/BackupMade";
import type { BoardProfile } from "../generated/BoardProfile";
import type { DemoCreated } from "../generated/DemoCreated";
import type { FirstScreen } from "../generated/FirstScreen";
import type { IntegrityReport } from "../generated/IntegrityReport";
import type { IssuedRecoveryKey } from "../generated/IssuedRecoveryKey";

export type { AppStatus, BackupMade, BoardProfile, DemoCreated, FirstScreen, IntegrityReport, IssuedRecoveryKey };

/** Where the window asked for the first screen before this script ran (src-tauri/src/first_screen_early.rs). */
const EARLY = "__SCR_DESK_FIRST_SCREEN__";

/**
 * Opens the archive (creating it on first run) and says what the first screen shows: the status,
 * and the home page when it leads there. The window's own early request is used the first time;
 * every later call (Try again) asks afresh.
 */
export function firstScreen(): Promise<FirstScreen> {
  const early = takeEarly();
  return early ? answerOf<FirstScreen>(early) : call<FirstScreen>("first_screen");
}

function takeEarly(): Promise<unknown> | null {
  if (typeof window === "undefined") return null;
  const holder = window as unknown as Record<string, unknown>;
  const early = holder[EARLY];
  if (!(early instanceof Promise)) return null;
  delete holder[EARLY];
  return early;
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
