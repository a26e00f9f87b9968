// Distribution: the mail settings, sending a decision's letters, who was told and acknowledged.
import { call } from "./ipc";
import type { AcknowledgementInput } from "../generated/AcknowledgementInput";
import type { BatchProgress } from "../generated/BatchProgress";
import type { DeliveryView } from "../generated/DeliveryView";
import type { DistributionView } from "../generated/DistributionView";
import type { ExportDone } from "../generated/ExportDone";
import type { MailSettingsInput } from "../generated/MailSettingsInput";
import type { MailSecurity } from "../generated/MailSecurity";
import type { MailSettingsView } from "../generated/MailSettingsView";
import type { ReminderReport } from "../generated/ReminderReport";
import type { TestMessageSent } from "../generated/TestMessageSent";
import type { ToldRow } from "../generated/ToldRow";
import type { DeliveryAction } from "../generated/DeliveryAction";
import type { DeliveryChannel } from "../generated/DeliveryChannel";
import type { DeliveryStatus } from "../generated/DeliveryStatus";

export type {
  AcknowledgementInput,
  BatchProgress,
  DeliveryAction,
  DeliveryChannel,
  DeliveryStatus,
  DeliveryView,
  DistributionView,
  ExportDone,
  MailSecurity,
  MailSettingsInput,
  MailSettingsView,
  ReminderReport,
  TestMessageSent,
  ToldRow,
};

export function mailSettings(): Promise<MailSettingsView> {
  return call<MailSettingsView>("mail_settings");
}

/** Saves the mail server settings; a password given goes into the system keyring. */
export function saveMailSettings(input: MailSettingsInput): Promise<MailSettingsView> {
  return call<MailSettingsView>("save_mail_settings", { input });
}

/** A short message through the saved settings, to `to` or the sender's own address. */
export function sendTestMessage(to: string | null): Promise<TestMessageSent> {
  return call<TestMessageSent>("send_test_message", { to });
}

/** Who was told for a decision: members in post against the delivery log, and any batch's progress. */
export function getDistribution(reference: string): Promise<DistributionView> {
  return call<DistributionView>("get_distribution", { reference });
}

/** Starts sending in the background; poll getDistribution for the progress. */
export function startSending(reference: string): Promise<void> {
  return call<void>("start_sending", { reference });
}

/** Stops the batch after the message being sent now. */
export function cancelSending(): Promise<void> {
  return call<void>("cancel_sending");
}

/** Writes the secure-export members' letters and index.csv into the Documents folder. */
export function exportForSecureMail(reference: string): Promise<ExportDone> {
  return call<ExportDone>("export_for_secure_mail", { reference });
}

export function confirmDeliverySent(id: number, note: string): Promise<DeliveryView> {
  return call<DeliveryView>("confirm_delivery_sent", { id, note });
}

/** Queues a letter to go again (audited with the reason); the next send sends it. */
export function resendDelivery(id: number, reason: string): Promise<DeliveryView> {
  return call<DeliveryView>("resend_delivery", { id, reason });
}

export function recordAcknowledgement(input: AcknowledgementInput): Promise<DistributionView> {
  return call<DistributionView>("record_acknowledgement", { input });
}

export function sendReminders(reference: string): Promise<ReminderReport> {
  return call<ReminderReport>("send_reminders", { reference });
}
