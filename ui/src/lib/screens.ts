import type { BoardProfile, IpcError } from "../backend";

export type BoardField = "name" | "area";

export type Screen =
  | { kind: "loading" }
  | { kind: "error"; error: IpcError }
  | { kind: "board-form"; board: BoardProfile | null; focusField: BoardField | null }
  | { kind: "home"; board: BoardProfile };

/** Ids of the form's inputs; the error summary links to them and the e2e tests use them. */
export const FIELD_INPUT_IDS: Record<BoardField, string> = {
  name: "board-name",
  area: "board-area",
};
