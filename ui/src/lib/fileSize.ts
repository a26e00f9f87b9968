const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/** Sizes as file managers show them: whole KB for small files, one decimal above that. */
export function formatSize(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  // A backup is never empty, so a tiny one still reads as "1 KB" rather than "0 KB".
  return `${Math.max(1, Math.round(bytes / KB))} KB`;
}
