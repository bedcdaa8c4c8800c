// Calendar dates as the API and the import files write them (YYYY-MM-DD), held as UTC
// midnights so that comparing two dates compares days, whatever the server's time zone.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date as a UTC midnight, or null when the text is not a real YYYY-MM-DD date (2026-02-30 is not). */
export function parseCalendarDate(text: string): Date | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** YYYY-MM-DD of a stored date. */
export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
