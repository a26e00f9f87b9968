import type { CaseListEntry, NextDeadline } from "../../backend";
import { count } from "../numbers";

/**
 * "8 days left", "3 working days left", "Due today" or "Overdue by 11 days"; just "by 11 days"
 * when `tagged`, after an "Overdue" tag.
 */
export function deadlineText(deadline: NextDeadline, tagged = false): string {
  if (deadline.overdue) return `${tagged ? "by" : "Overdue by"} ${count(deadline.calendarDays, "day")}`;
  if (deadline.calendarDays === 0) return "Due today";
  return deadline.unit === "working_days"
    ? `${count(deadline.workingDays, "working day")} left`
    : `${count(deadline.calendarDays, "day")} left`;
}

/** The warning at the top of the dashboard, or null when no deadline has been missed. */
export function missedWarning(cases: CaseListEntry[]): string | null {
  const missed = cases.filter((c) => c.nextDeadline?.overdue).length;
  if (missed === 0) return null;
  return `${count(missed, "case")} ${missed === 1 ? "has" : "have"} a missed deadline`;
}
