/**
 * The date printed on exported files: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention, so
 * tests and batch runs give the same bytes) or today, as `YYYY-MM-DD`.
 */
export function exportDate(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return (Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date())
    .toISOString()
    .slice(0, 10);
}
