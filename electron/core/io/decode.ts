import iconv from 'iconv-lite';
import chardet from 'chardet';

/**
 * Bytes of a text file (CSV) → text, saying which encoding was used and how sure we are.
 *
 * Order: a BOM decides (UTF-8, UTF-16 LE/BE); else bytes that are valid UTF-8 are UTF-8
 * (legacy Vietnamese text is almost never valid UTF-8 by accident); else the file is in a
 * legacy 8-bit encoding. For those, chardet is not enough: it labels Windows-1258, TCVN3
 * and VISCII files all "windows-1258" (measured), because it only looks at byte
 * frequencies. So every candidate Vietnamese encoding is tried and the decoded text is
 * scored as VIETNAMESE: words must be well-formed syllables (onset + vowel cluster + coda,
 * at most one tone mark) and no character outside the Vietnamese alphabet may appear.
 * Only the right decoding produces real syllables everywhere. chardet's own guess is kept
 * as a candidate for files that are not Vietnamese at all.
 */
export interface Decoded {
  text: string;
  /** Encoding name as iconv-lite knows it (utf-8, utf-16le, windows-1258, tcvn, viscii, …). */
  encoding: string;
  /** Human-readable name for messages ("Windows-1258", "TCVN3 (ABC)"). */
  encodingLabel: string;
  bom: boolean;
  confidence: 'certain' | 'high' | 'low';
}

const LABELS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1258': 'Windows-1258',
  tcvn: 'TCVN3 (ABC)',
  viscii: 'VISCII',
  'windows-1252': 'Windows-1252',
};
const label = (e: string) => LABELS[e] ?? e;

/** Candidates in order of preference when scores tie (1258 is what Vietnamese Windows Excel writes). */
const LEGACY = ['windows-1258', 'tcvn', 'viscii', 'windows-1252'];

export function decodeText(buf: Uint8Array): Decoded {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: utf8(b.subarray(3)) ?? iconv.decode(b.subarray(3), 'utf-8'), encoding: 'utf-8', encodingLabel: 'UTF-8', bom: true, confidence: 'certain' };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16(b.subarray(2), 'utf-16le', true);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16(b.subarray(2), 'utf-16be', true);
  const bomless16 = guessUtf16(b);
  if (bomless16) return utf16(b, bomless16, false);
  const asUtf8 = utf8(b);
  if (asUtf8 !== null) return { text: asUtf8, encoding: 'utf-8', encodingLabel: 'UTF-8', bom: false, confidence: 'certain' };
  return legacy(b);
}

function utf8(b: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

function utf16(b: Buffer, enc: 'utf-16le' | 'utf-16be', bom: boolean): Decoded {
  return { text: iconv.decode(b, enc), encoding: enc, encodingLabel: label(enc), bom, confidence: bom ? 'certain' : 'high' };
}

/** Text saved as UTF-16 without a BOM has a zero byte in every other position for ASCII. */
function guessUtf16(b: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

function legacy(b: Buffer): Decoded {
  // Scoring the first 256 KB is plenty and keeps detection cheap on big files.
  const sample = b.subarray(0, 256 * 1024);
  const candidates = [...LEGACY];
  for (const m of chardet.analyse(sample).slice(0, 3)) {
    const name = m.name.toLowerCase();
    if (iconv.encodingExists(name) && !candidates.includes(name) && !/^utf-(16|32)/.test(name)) candidates.push(name);
  }
  let best: { enc: string; score: VietScore } | null = null;
  for (const enc of candidates) {
    const score = vietnameseScore(iconv.decode(sample, enc));
    if (!best || score.total > best.score.total) best = { enc, score };
  }
  const { enc, score } = best!;
  const confidence = score.valid >= 3 && score.invalid + score.junk <= score.valid * 0.05 ? 'high' : 'low';
  // Windows-1258 writes most tone marks as combining characters: compose them (NFC).
  return { text: iconv.decode(b, enc).normalize('NFC'), encoding: enc, encodingLabel: label(enc), bom: false, confidence };
}

// ---------------------------------------------------------------- Vietnamese text score
const VIET_LETTERS =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz';
const LETTER_SET = new Set([...VIET_LETTERS, ...VIET_LETTERS.toUpperCase()]);
/** Non-ASCII punctuation that legitimately appears in Vietnamese spreadsheets. */
const OK_SYMBOLS = new Set([...'–—‘’“”…•€°×№²³½¼¾«»·\u00a0']);
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
const WORD = /[\p{L}\p{M}]+/gu;

export interface VietScore {
  valid: number;
  invalid: number;
  junk: number;
  total: number;
}

export function isVietnameseSyllable(word: string): boolean {
  const d = word.toLowerCase().normalize('NFD');
  const tones = d.match(TONE)?.length ?? 0;
  if (tones > 1) return false;
  return SYLLABLE.test(d.replace(TONE, '').normalize('NFC'));
}

export function vietnameseScore(text: string): VietScore {
  const t = text.normalize('NFC');
  let valid = 0;
  let invalid = 0;
  let junk = 0;
  for (const m of t.matchAll(WORD)) {
    const w = m[0];
    if (/^[\x00-\x7f]*$/.test(w)) continue;
    if ([...w].every((c) => LETTER_SET.has(c)) && isVietnameseSyllable(w)) valid++;
    else invalid++;
  }
  for (const c of t) {
    const cp = c.codePointAt(0)!;
    if (cp < 0x80) continue;
    if (LETTER_SET.has(c) || OK_SYMBOLS.has(c)) continue;
    if (/\p{L}|\p{M}/u.test(c)) continue; // counted through its word
    junk++;
  }
  return { valid, invalid, junk, total: valid - 2 * invalid - 2 * junk };
}
