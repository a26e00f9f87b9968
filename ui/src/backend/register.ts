// The register of board members, importing and exporting it, and the board's settings.
import { call } from "./ipc";
import type { BoardSettings } from "../generated/BoardSettings";
import type { ExportFormat } from "../generated/ExportFormat";
import type { FileUpload } from "../generated/FileUpload";
import type { ImportDone } from "../generated/ImportDone";
import type { ImportPreviewView } from "../generated/ImportPreviewView";
import type { Member } from "../generated/Member";
import type { MemberDetails } from "../generated/MemberDetails";
import type { MemberInput } from "../generated/MemberInput";
import type { MemberRecord } from "../generated/MemberRecord";
import type { RegisterEntry } from "../generated/RegisterEntry";
import type { RegisterExported } from "../generated/RegisterExported";
import type { RegisterView } from "../generated/RegisterView";
import type { SettingsView } from "../generated/SettingsView";

export type {
  BoardSettings,
  ExportFormat,
  FileUpload,
  ImportDone,
  ImportPreviewView,
  Member,
  MemberDetails,
  MemberInput,
  MemberRecord,
  RegisterEntry,
  RegisterExported,
  RegisterView,
  SettingsView,
};

/** The register as it stood on a date (YYYY-MM-DD), or today. */
export function registerAt(at: string | null = null): Promise<RegisterView> {
  return call<RegisterView>("register_at", { at });
}

/** One member with every version recorded for them. */
export function memberRecord(id: number): Promise<MemberRecord> {
  return call<MemberRecord>("member_record", { id });
}

export function addMember(input: MemberInput): Promise<Member> {
  return call<Member>("add_member", { input });
}

/** New details for a member, in effect from `effectiveFrom` as typed (today when empty). */
export function editMember(id: number, input: MemberInput, effectiveFrom: string): Promise<Member> {
  return call<Member>("edit_member", { id, input, effectiveFrom });
}

/** Records the last day of a member's term; the member stays in the register's history. */
export function leaveMember(id: number, lastDay: string): Promise<Member> {
  return call<Member>("leave_member", { id, lastDay });
}

/**
 * Reads a chosen file for the backend. The bytes travel as base64: a JSON array of numbers
 * would be about four times the size.
 */
export async function fileUpload(file: File): Promise<FileUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return { name: file.name, base64: btoa(binary) };
}

/** What importing the file would do; nothing is written. */
export function previewImport(file: FileUpload, excludedLines: number[]): Promise<ImportPreviewView> {
  return call<ImportPreviewView>("preview_import", { file, excludedLines });
}

/** Imports the file exactly as previewed (the token ties the two), or nothing at all. */
export function confirmImport(file: FileUpload, excludedLines: number[], token: string): Promise<ImportDone> {
  return call<ImportDone>("confirm_import", { file, excludedLines, token });
}

/** Writes the register (as at a date, or today) into the Documents folder. */
export function exportRegister(format: ExportFormat, at: string | null = null): Promise<RegisterExported> {
  return call<RegisterExported>("export_register", { format, at });
}

export function boardSettings(): Promise<SettingsView> {
  return call<SettingsView>("board_settings");
}

export function saveBoardSettings(settings: BoardSettings, agencies: string[]): Promise<SettingsView> {
  return call<SettingsView>("save_board_settings", { settings, agencies });
}

/** Checks, scales and stores the letterhead logo; null removes it. */
export function saveBoardLogo(file: FileUpload | null): Promise<SettingsView> {
  return call<SettingsView>("save_board_logo", { file });
}

/** Adds a day the board's office is closed (working-day timers skip it); `date` is YYYY-MM-DD. */
export function addClosureDay(date: string, name: string): Promise<SettingsView> {
  return call<SettingsView>("add_closure_day", { date, name });
}

export function removeClosureDay(date: string): Promise<SettingsView> {
  return call<SettingsView>("remove_closure_day", { date });
}
