// The case and wizard commands, run through Tauri's IPC mock: names and argument shapes as
// the Rust commands take them (Tauri turns snake_case arguments into camelCase).
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  amendDecision,
  finaliseDecision,
  getCase,
  getFramework,
  listCases,
  listFrameworks,
  openCase,
  readAnnex,
  saveAnnex,
  saveCaseSummary,
  saveDraft,
} from ".";
import { annexOfChildT, framework, view } from "../testing/cases";

afterEach(() => {
  clearMocks();
});

function recordIpc(answer: unknown) {
  const calls: Array<[string, unknown]> = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return answer;
  });
  return calls;
}

describe("frameworks", () => {
  it("listFrameworks invokes list_frameworks", async () => {
    const summaries = [{ id: "wt2015-scr", version: "1.0", title: "WT2015", builtin: true }];
    const calls = recordIpc(summaries);
    await expect(listFrameworks()).resolves.toEqual(summaries);
    expect(calls).toEqual([["list_frameworks", {}]]);
  });

  it("getFramework sends the id and version", async () => {
    const calls = recordIpc(framework());
    await getFramework("wt2015-scr", "1.0");
    expect(calls).toEqual([["get_framework", { id: "wt2015-scr", version: "1.0" }]]);
  });
});

describe("cases", () => {
  it("listCases sends a trimmed search, and none when the box is empty", async () => {
    const calls = recordIpc([]);
    await listCases("  Child T ");
    await listCases("   ");
    await listCases();
    expect(calls).toEqual([
      ["list_cases", { search: "Child T" }],
      ["list_cases", {}],
      ["list_cases", {}],
    ]);
  });

  it("openCase sends the summary and the annex under `newCase`", async () => {
    const calls = recordIpc(view());
    const newCase = { summary: view().summary, annex: annexOfChildT };
    await expect(openCase(newCase)).resolves.toEqual(view());
    expect(calls).toEqual([["open_case", { newCase }]]);
  });

  it("getCase, saveCaseSummary, saveDraft and saveAnnex send the id and the whole value", async () => {
    const calls = recordIpc(view());
    const v = view();
    await getCase(7);
    await saveCaseSummary(7, v.summary);
    await saveDraft(7, v.draft);
    await saveAnnex(7, annexOfChildT);
    expect(calls).toEqual([
      ["get_case", { id: 7 }],
      ["save_case_summary", { id: 7, summary: v.summary }],
      ["save_draft", { id: 7, draft: v.draft }],
      ["save_annex", { id: 7, annex: annexOfChildT }],
    ]);
  });

  it("readAnnex invokes read_annex with the case id", async () => {
    const calls = recordIpc(annexOfChildT);
    await expect(readAnnex(7)).resolves.toEqual(annexOfChildT);
    expect(calls).toEqual([["read_annex", { id: 7 }]]);
  });
});

describe("finalising", () => {
  it("finaliseDecision invokes finalise_decision with the id", async () => {
    const calls = recordIpc(view());
    await finaliseDecision(7);
    expect(calls).toEqual([["finalise_decision", { id: 7 }]]);
  });

  it("passes decision.incomplete through with its fields", async () => {
    const incomplete = {
      code: "decision.incomplete",
      message: "The decision cannot be finalised yet.",
      details: {
        cause: null,
        fields: [{ field: "criterion.no_evidence", message: "Give the evidence" }],
        actions: [],
      },
    };
    mockIPC(() => {
      throw incomplete;
    });
    await expect(finaliseDecision(7)).rejects.toEqual(incomplete);
  });

  it("amendDecision sends the id and the reason", async () => {
    const calls = recordIpc(view());
    await amendDecision(7, "New information from the police.");
    expect(calls).toEqual([["amend_decision", { id: 7, reason: "New information from the police." }]]);
  });
});
