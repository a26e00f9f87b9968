import { describe, expect, it } from "vitest";
import { formatSize } from "./fileSize";

describe("formatSize", () => {
  it("shows small files in whole KB, never 0", () => {
    expect(formatSize(1)).toBe("1 KB");
    expect(formatSize(1536)).toBe("2 KB");
    expect(formatSize(500 * 1024)).toBe("500 KB");
  });

  it("shows MB and GB with one decimal", () => {
    expect(formatSize(1024 * 1024)).toBe("1.0 MB");
    expect(formatSize(2_621_440)).toBe("2.5 MB");
    expect(formatSize(3 * 1024 * 1024 * 1024)).toBe("3.0 GB");
  });
});
