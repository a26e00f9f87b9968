// The screens the first paint does not need, each in a script of its own that is loaded the
// first time the screen is shown. The first screen (home, first run, recovery key, errors) and
// the cases list stay in the main script: the window paints them without waiting for a second
// script, and the cases list opens straight after a click. The benchmark
// (scripts/bench-window.sh) prints what this saves on the way to the first paint.
import type { Screen } from "./screens";

const LOADERS = {
  archive: () => import("./ArchiveScreen.svelte"),
  "new-case": () => import("./cases/NewCaseScreen.svelte"),
  case: () => import("./cases/CaseScreen.svelte"),
  wizard: () => import("./wizard/WizardScreen.svelte"),
  "check-answers": () => import("./wizard/CheckAnswersScreen.svelte"),
  "amend-reason": () => import("./cases/AmendReasonScreen.svelte"),
  finalised: () => import("./cases/FinalisedScreen.svelte"),
  "issue-letters": () => import("./letters/IssueLettersScreen.svelte"),
  letter: () => import("./letters/LetterViewScreen.svelte"),
  signing: () => import("./SigningScreen.svelte"),
  verify: () => import("./VerifyScreen.svelte"),
  members: () => import("./register/MembersScreen.svelte"),
  "member-form": () => import("./register/MemberForm.svelte"),
  "member-leave": () => import("./register/LeaveScreen.svelte"),
  import: () => import("./register/ImportScreen.svelte"),
  settings: () => import("./register/SettingsScreen.svelte"),
  "mail-settings": () => import("./distribution/MailSettingsScreen.svelte"),
  distribution: () => import("./distribution/DistributionScreen.svelte"),
  "timestamp-settings": () => import("./letters/TimestampSettingsScreen.svelte"),
  milestones: () => import("./cases/MilestonesScreen.svelte"),
  reports: () => import("./reports/ReportsScreen.svelte"),
  retention: () => import("./retention/RetentionScreen.svelte"),
  "case-retention": () => import("./retention/CaseRetentionScreen.svelte"),
  dispose: () => import("./retention/DisposeScreen.svelte"),
} satisfies Partial<Record<Screen["kind"], () => Promise<unknown>>>;

type Loaders = typeof LOADERS;
export type LazyKind = keyof Loaders;

/** Each lazy screen's component, once loaded, with its own props' type. */
export type LoadedScreens = { [K in LazyKind]?: Awaited<ReturnType<Loaders[K]>>["default"] };

function isLazy(kind: Screen["kind"]): kind is LazyKind {
  return Object.hasOwn(LOADERS, kind);
}

/**
 * Loads the script of `kind`'s screen into `loaded` unless it is there already (or the screen is
 * in the main script). Rejects when the script cannot be loaded; the caller shows the error.
 */
export async function loadScreen(kind: Screen["kind"], loaded: LoadedScreens): Promise<void> {
  if (!isLazy(kind) || loaded[kind]) return;
  const module = await LOADERS[kind]();
  (loaded as Record<LazyKind, unknown>)[kind] = module.default;
}
