/**
 * Text folding for matching what people type against what the store holds.
 *
 * WHY fold to plain ASCII: district files spell the same name many ways — NFC or NFD
 * (macOS and some Excel builds decompose), old vs new tone placement ("Hoà"/"Hòa",
 * "Thuỷ"/"Thủy"), upper/lower case, stray spaces, "Q." vs "Quận". Removing every
 * diacritic makes all of those identical; the few names that then collide inside one
 * district (Thị trấn / Xã Yên Viên) are told apart by their prefix (see units.ts).
 */
const COMBINING = /[\u0300-\u036f]/g;
const NON_ALNUM = /[^a-z0-9]+/g;

/** "  Phường  Phúc Xá " → "phuong phuc xa"; "Q.Ba Đình" → "q ba dinh". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(NON_ALNUM, ' ').trim();
}

/** Levenshtein edit distance (insert, delete, substitute = 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** A cell as text for matching and messages (numbers as written, rich text flattened). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').trim();
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text.trim();
    if (typeof o.error === 'string') return o.error;
  }
  return String(v).trim();
}
