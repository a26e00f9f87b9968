/** Words and tag colours for a delivery's status (the log's values, or "none": never queued). */
export const STATUS_LABELS: Record<string, string> = {
  none: "Not sent",
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  uncertain: "Uncertain",
  exported: "Exported",
  confirmed_sent: "Sent (confirmed)",
};

export function statusTag(status: string | null): string {
  switch (status) {
    case "sent":
    case "confirmed_sent":
      return "govuk-tag--green";
    case "failed":
    case null:
      return "govuk-tag--red";
    case "uncertain":
      return "govuk-tag--orange";
    default:
      return "govuk-tag--blue";
  }
}
