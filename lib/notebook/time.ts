/** Dates as the notebook shows them and as file names carry them (pure; `now` is a parameter). */

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the local calendar day of `time` (epoch ms). */
export function localDate(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** A short date, e.g. "20 Nov 2025". */
export function formatDay(time: number): string {
  return dayFormat.format(time);
}

/**
 * How long ago `time` was: "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago",
 * then the date. A time in the future (another clock) reads "just now".
 */
export function formatAgo(time: number, now: number): string {
  const elapsed = now - time;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return formatDay(time);
}
