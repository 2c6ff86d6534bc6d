/**
 * Console warnings, at most one per cause (by default the message) for the life of the page: a chart that re-renders on every
 * live append must not flood the console with the same complaint.
 */
const seen = new Set<string>();

export function warnOnce(source: string, message: string, cause: string = message): void {
  const key = `${source}: ${cause}`;
  if (seen.has(key)) return;
  seen.add(key);
  console.warn(`<${source}> ${message}`);
}

/** Forgets what was warned (tests). */
export function resetWarnings(): void {
  seen.clear();
}
