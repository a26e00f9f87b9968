import type { RestrictedAnnex } from "../../backend";
import { toParts, type DateParts } from "../form/dateParts";
import { text } from "../wizard/values";

/** A family member as the form edits it; a date of birth or notes recorded earlier are kept. */
export interface FamilyRow {
  key: number;
  name: string;
  relationship: string;
  dateOfBirth: string | null;
  notes: string | null;
}

/** The restricted annex as the form's fields hold it. */
export interface AnnexValues {
  givenNames: string;
  familyName: string;
  otherNames: string;
  dateOfBirth: DateParts;
  addressLines: string;
  town: string;
  postcode: string;
  family: FamilyRow[];
  notes: string;
}

let nextKey = 0;

export function familyRow(name = "", relationship = "", dateOfBirth: string | null = null, notes: string | null = null): FamilyRow {
  return { key: nextKey++, name, relationship, dateOfBirth, notes };
}

export function annexValues(annex: RestrictedAnnex | null): AnnexValues {
  return {
    givenNames: annex?.childGivenNames ?? "",
    familyName: annex?.childFamilyName ?? "",
    otherNames: annex?.childOtherNames.join(", ") ?? "",
    dateOfBirth: toParts(annex?.dateOfBirth),
    addressLines: annex?.address?.lines.join("\n") ?? "",
    town: annex?.address?.town ?? "",
    postcode: annex?.address?.postcode ?? "",
    family: (annex?.familyMembers ?? []).map((m) => familyRow(m.name ?? "", m.relationship ?? "", m.dateOfBirth, m.notes)),
    notes: annex?.notes ?? "",
  };
}

/** The annex to save; `dateOfBirth` is the form's date, already checked. */
export function toAnnex(values: AnnexValues, dateOfBirth: string | null): RestrictedAnnex {
  const lines = values.addressLines.split("\n").map((l) => l.trim()).filter(Boolean);
  const town = text(values.town);
  const postcode = text(values.postcode);
  return {
    childGivenNames: text(values.givenNames),
    childFamilyName: text(values.familyName),
    childOtherNames: values.otherNames.split(",").map((n) => n.trim()).filter(Boolean),
    dateOfBirth: dateOfBirth,
    address: lines.length || town || postcode ? { lines, town, postcode } : null,
    familyMembers: values.family
      .filter((m) => text(m.name) || text(m.relationship) || m.dateOfBirth || m.notes)
      .map((m) => ({ name: text(m.name), relationship: text(m.relationship), dateOfBirth: m.dateOfBirth, notes: m.notes })),
    notes: text(values.notes),
  };
}
