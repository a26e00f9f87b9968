import type { AppStatus, BoardProfile, CaseEvent, CaseView, HomeView, IpcError, IssuedRecoveryKey, RecordClass } from "../backend";
import type { PageRef } from "./wizard/pages";

export type BoardField = "name" | "area";

/** What the app was doing when an error screen appeared; it decides the general heading. */
export type ErrorTask = "open" | "issue-key" | "show-page";

export type Screen =
  | { kind: "loading" }
  | { kind: "error"; error: IpcError; task: ErrorTask }
  // Keeps the error it came from, so "Back" can return to it.
  | { kind: "recover"; from: IpcError }
  | { kind: "board-form"; board: BoardProfile | null; focusField: BoardField | null }
  // issued: a key already made (replaced from the archive page); otherwise the screen makes one.
  | { kind: "recovery-key"; issued?: IssuedRecoveryKey }
  // view: the home page as the backend gave it with the first screen; otherwise the screen asks.
  | { kind: "home"; board: BoardProfile; view: HomeView | null }
  | { kind: "archive" }
  | { kind: "cases" }
  | { kind: "new-case" }
  | { kind: "case"; id: number }
  // start null: resume at the first page with a missing answer. returnToCheck: opened from
  // a "Change" link. amendReason: set while amending a finalised decision.
  | { kind: "wizard"; id: number; start: PageRef | null; amendReason: string | null; returnToCheck: boolean }
  | { kind: "check-answers"; id: number; amendReason: string | null }
  | { kind: "amend-reason"; id: number; reason: string }
  | { kind: "finalised"; id: number; view: CaseView }
  | { kind: "issue-letters"; id: number }
  | { kind: "letter"; caseId: number; letterId: number; label: string }
  | { kind: "signing" }
  | { kind: "verify" }
  | { kind: "members"; notice: string | null }
  // memberId null: a new member.
  | { kind: "member-form"; memberId: number | null }
  | { kind: "member-leave"; memberId: number }
  | { kind: "import" }
  | { kind: "settings" }
  // Distribution
  | { kind: "mail-settings" }
  | { kind: "distribution"; id: number; reference: string }
  // Trusted timestamps
  | { kind: "timestamp-settings" }
  // After the decision. event: the milestone to record, when a link named one.
  | { kind: "milestones"; id: number; event: CaseEvent | null; notificationId: string | null }
  | { kind: "reports"; from: string; to: string }
  // Records governance
  | { kind: "retention" }
  | { kind: "case-retention"; id: number }
  | { kind: "dispose"; id: number; recordClass: RecordClass };

/** Ids of the form's inputs; the error summary links to them and the e2e tests use them. */
export const FIELD_INPUT_IDS: Record<BoardField, string> = {
  name: "board-name",
  area: "board-area",
};

/**
 * Where a freshly known status leads: the board comes first, then the recovery key,
 * which is asked for until the chair confirms keeping it. `home`: the home page, when the
 * backend sent it with the status.
 */
export function screenFor(status: AppStatus, home: HomeView | null = null): Screen {
  if (!status.board) return { kind: "board-form", board: null, focusField: null };
  if (!status.recoveryKeyConfirmed) return { kind: "recovery-key" };
  return { kind: "home", board: status.board, view: home };
}

/** The service navigation's sections; null while a screen stands outside them. */
export type Section = "board" | "cases" | "members" | "settings" | "signing" | "verify" | "archive";

/** The case a screen belongs to: every page of a case shows the legal holds that cover it. */
export function caseOf(screen: Screen): number | null {
  switch (screen.kind) {
    case "case":
    case "wizard":
    case "check-answers":
    case "amend-reason":
    case "finalised":
    case "issue-letters":
    case "distribution":
    case "case-retention":
    case "dispose":
      return screen.id;
    case "letter":
      return screen.caseId;
    default:
      return null;
  }
}

export function sectionOf(screen: Screen): Section | null {
  if (caseOf(screen) !== null) return "cases";
  switch (screen.kind) {
    case "home":
    case "board-form":
    case "reports":
      return "board";
    case "archive":
    case "retention":
      return "archive";
    case "cases":
    case "new-case":
    case "milestones":
      return "cases";
    case "signing":
      return "signing";
    case "verify":
      return "verify";
    case "members":
    case "member-form":
    case "member-leave":
    case "import":
      return "members";
    case "settings":
    case "mail-settings":
    case "timestamp-settings":
      return "settings";
    default:
      return null;
  }
}
