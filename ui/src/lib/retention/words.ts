// Words for the retention pages. The backend decides what is due, held and allowed; these only
// name its closed sets for people.
import type { ClassStatus, HoldView } from "../../backend";

export function actionWords(action: string): string {
  switch (action) {
    case "dispose":
      return "Dispose of";
    case "review":
      return "Review";
    default:
      return "Keep";
  }
}

export function stateWords(status: ClassStatus): string {
  const state = status.state;
  switch (state.state) {
    case "due":
      return `Due since ${state.due}`;
    case "running":
      return `Kept until ${state.due}`;
    case "not_started":
      return "Its period has not started";
    case "permanent":
      return "Kept for as long as the archive";
    case "disposed":
      return "Disposed of";
  }
}

export function holdScope(hold: HoldView): string {
  return hold.reference ?? "The whole archive";
}

const CLASS_WORDS: Record<string, string> = {
  restricted_annex: "Restricted details",
  case_record: "Case summary and decisions",
  letters: "Letters",
  delivery_log: "Delivery log",
  audit_trail: "Audit trail",
  backups: "Backups",
};

export function classWords(recordClass: string): string {
  return CLASS_WORDS[recordClass] ?? recordClass;
}
