// The only module that talks to the Rust side. Everything else imports from here,
// so unit tests can replace it and the end-to-end tests exercise the real thing.
// One file per area of the app; `ipc.ts` is the crossing they all go through (its `call` stays
// inside this folder).
export { INTERNAL_ERROR_MESSAGE, isIpcError, toIpcError } from "./ipc";
export type { ErrorAction, FieldError, IpcError } from "./ipc";
export * from "./archive";
export * from "./signing";
export * from "./register";
export * from "./cases";
export * from "./letters";
export * from "./distribution";
export * from "./reports";
export * from "./retention";
export * from "./paintMarks";
