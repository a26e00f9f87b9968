import type { Obligation, Qm3Totals } from "../../backend";
import type { Screen } from "../screens";
import { count } from "../numbers";

/** Where an obligation's link lands: the exact place the backend names to act on it. */
export function screenToAct(obligation: Obligation): Screen {
  const id = obligation.caseId;
  switch (obligation.act.place) {
    case "wizard":
      return { kind: "wizard", id, start: null, amendReason: null, returnToCheck: false };
    case "write_letters":
      return { kind: "issue-letters", id };
    case "distribution":
      return { kind: "distribution", id, reference: obligation.reference };
    case "record_milestone":
      return { kind: "milestones", id, event: obligation.act.event, notificationId: obligation.act.notificationId };
  }
}

/** "Due today", "4 working days left", "Overdue by 12 working days" (the backend counts them). */
export function dueText(obligation: Obligation): string {
  if (obligation.overdue) return `Overdue by ${count(obligation.workingDays, "working day")}`;
  if (obligation.calendarDays === 0) return "Due today";
  return `${count(obligation.workingDays, "working day")} left`;
}

/** "2 of 3 (67%)", or "none" when there was nothing to count. */
export function share(part: number, whole: number, percent: number | null): string {
  if (whole === 0) return "none";
  return percent === null ? `${part} of ${whole}` : `${part} of ${whole} (${percent}%)`;
}

/** The year's figures as the home page lists them. */
export function yearRows(year: Qm3Totals, toldWithin: number): [string, string][] {
  return [
    ["Decisions made", String(year.decisions)],
    ["Decided within the timescale", share(year.decisionsOnTime, year.decisionsWithTimescale, year.decisionsOnTimePercent)],
    [
      `Members told within ${count(toldWithin, "working day")}`,
      share(year.membersToldWithin, year.membersToTell, year.membersToldWithinPercent),
    ],
    ["Outcome notices sent for reviews that ended", share(year.outcomeNoticesSent, year.reviewsEnded, year.outcomeNoticesPercent)],
  ];
}
