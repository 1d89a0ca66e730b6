import { formatDate } from '../format';
import { RESOURCES, type ScenarioResult } from './schema';

/**
 * A scenario's daily table as CSV — the same text whether the renderer exports the scenario
 * on screen or the core exports a saved one. Excel-friendly for Vietnamese offices: UTF-8
 * with a BOM (Excel otherwise reads UTF-8 as the ANSI code page and breaks the diacritics),
 * `;` as separator and plain numbers rounded to whole patients (no thousands separators,
 * so Excel never reads "2.000" as two).
 */
const HEADERS = {
  vi: {
    day: 'Ngày thứ',
    date: 'Ngày',
    newCases: 'Ca mới',
    home: 'F0 tại nhà',
    demand: { t1: 'Tầng 1 cần', t2: 'Tầng 2 cần', t3: 'Tầng 3 cần', icu: 'Giường hồi sức (ICU) cần', oxygen: 'Đầu ô xy cần' },
    capacity: { t1: 'Tầng 1 có', t2: 'Tầng 2 có', t3: 'Tầng 3 có', icu: 'Giường ICU có', oxygen: 'Đầu ô xy có' },
    short: { t1: 'Tầng 1 thiếu', t2: 'Tầng 2 thiếu', t3: 'Tầng 3 thiếu', icu: 'Giường ICU thiếu', oxygen: 'Đầu ô xy thiếu' },
  },
  en: {
    day: 'Day',
    date: 'Date',
    newCases: 'New cases',
    home: 'F0 at home',
    demand: { t1: 'Tier 1 needed', t2: 'Tier 2 needed', t3: 'Tier 3 needed', icu: 'ICU beds needed', oxygen: 'Oxygen outlets needed' },
    capacity: { t1: 'Tier 1 available', t2: 'Tier 2 available', t3: 'Tier 3 available', icu: 'ICU beds available', oxygen: 'Oxygen outlets available' },
    short: { t1: 'Tier 1 short', t2: 'Tier 2 short', t3: 'Tier 3 short', icu: 'ICU beds short', oxygen: 'Oxygen outlets short' },
  },
} as const;

const cell = (s: string) => (/[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const whole = (v: number | null) => (v === null ? '' : String(Math.round(v)));

export function scenarioCsv(result: ScenarioResult, lang: 'vi' | 'en' = 'vi', title?: string): string {
  const h = HEADERS[lang];
  const header = [
    h.day,
    h.date,
    h.newCases,
    h.home,
    ...RESOURCES.flatMap((r) => [h.demand[r], h.capacity[r], h.short[r]]),
  ];
  const lines = [header.map(cell).join(';')];
  result.dates.forEach((date, d) => {
    const row = [
      String(d),
      formatDate(date),
      whole(result.newCases[d] ?? null),
      whole(result.tiers.home.demand[d]!),
      ...RESOURCES.flatMap((r) => {
        const need = result.demand[r][d]!;
        const cap = result.capacity[r][d]!;
        return [whole(need), whole(cap), whole(Math.max(0, need - cap))];
      }),
    ];
    lines.push(row.map(cell).join(';'));
  });
  return `\uFEFF${title ? `${cell(title)}\r\n` : ''}${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every OS: "Kịch bản 3.000 ca/ngày" → "kich-ban-3-000-ca-ngay-2021-12-20.csv". */
export function csvFileName(name: string, startDate: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const base = slug.startsWith('kich-ban') ? slug : `kich-ban-${slug || 'scenario'}`;
  return `${base}-${startDate}.csv`;
}
