import { formatDateTime, formatNumber, parseDisplayDate, type Lang } from '../../../../shared/format';

/** Display helpers of the facility screen (numbers and instants; Vietnamese conventions). */
export const pctText = (pct: number | null | undefined, lang: Lang, digits = 1) =>
  pct === null || pct === undefined ? '–' : `${formatNumber(pct, lang, digits)} %`;

export const usedOf = (used: number | null | undefined, total: number, lang: Lang) =>
  total === 0 ? '–' : `${used === null || used === undefined ? '–' : formatNumber(used, lang)}/${formatNumber(total, lang)}`;

/** "20/12/2021 10:00" (Hà Nội) of an instant, split for the two form fields. */
export function localParts(iso: string): { date: string; time: string } {
  const [date = '', time = ''] = formatDateTime(iso).split(' ');
  return { date, time };
}

/** dd/MM/yyyy + HH:mm in Hà Nội time → ISO instant; null when either is not valid. */
export function instantFromLocal(date: string, time: string): string | null {
  const day = parseDisplayDate(date);
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(time);
  if (!day || !m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return new Date(Date.parse(`${day}T${m[1]!.padStart(2, '0')}:${m[2]}:00+07:00`)).toISOString();
}
