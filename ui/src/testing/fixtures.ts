// Shared by the component tests; not part of the app bundle.
import type { AppStatus, BoardProfile, IpcError } from "../backend";

export const anytown: BoardProfile = { name: "Anytown Safeguarding Children Board", area: "Anytown" };

export const RECOVERY_KEY = "7K2QM-9XH4T-B3NDP-R6WJC-F8YAE-5GV1S";

/** A status as the backend sends it; the recovery key is taken as confirmed unless said otherwise. */
export function status(board: BoardProfile | null, recoveryKeyConfirmed = true): AppStatus {
  return { version: "0.1.0", dataDir: "/home/chair/.local/share/scr-decision-desk", board, recoveryKeyConfirmed };
}

/** An error as Rust's `DeskError::Locked` arrives: the records are fine but the key is out of reach. */
export function lockedError(code: IpcError["code"] = "keyring.entry_missing"): IpcError {
  return {
    code,
    message:
      "The key to this archive is no longer in your system keyring. Your records are safe: open the archive with the recovery key you were given when it was set up.",
    details: { cause: "no entry in the keyring", fields: [], actions: ["retry", "recover"] },
  };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const byId = (id: string) => document.getElementById(id);

/** Text as a screen reader would read it out, without template whitespace. */
export const textOf = (id: string) => byId(id)?.textContent?.replace(/\s+/g, " ").trim();
