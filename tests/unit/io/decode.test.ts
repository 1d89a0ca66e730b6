import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, isVietnameseSyllable } from '../../../electron/core/io/decode';
import { encodeCp1258, encodeLegacy } from '../../fixtures/io/encodings';

const SAMPLE = [
  'Ngày,Quận/Huyện,Phường/Xã,Số ca mắc mới',
  '05/12/2021,Quận Ba Đình,Phường Phúc Xá,12',
  '05/12/2021,Huyện Ứng Hòa,Thị trấn Vân Đình,3',
  '05/12/2021,Quận Hoàng Mai,Phường Lĩnh Nam,1',
  '05/12/2021,Quận Đống Đa,Phường Quốc Tử Giám,4',
].join('\r\n');

describe('encoding detection', () => {
  it('UTF-8 with and without BOM', () => {
    expect(decodeText(Buffer.from(SAMPLE))).toMatchObject({ encoding: 'utf-8', bom: false, text: SAMPLE });
    const withBom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]));
    expect(withBom).toMatchObject({ encoding: 'utf-8', bom: true, text: SAMPLE });
  });
  it('UTF-16 LE with BOM (Excel "Unicode text") and without', () => {
    expect(decodeText(encodeLegacy(SAMPLE, 'utf-16le'))).toMatchObject({ encoding: 'utf-16le', text: SAMPLE });
    expect(decodeText(iconv.encode(SAMPLE, 'utf-16le'))).toMatchObject({ encoding: 'utf-16le', text: SAMPLE });
  });
  // chardet alone calls all three "windows-1258": the syllable score must pick the right one.
  it.each(['windows-1258', 'tcvn', 'viscii'] as const)('legacy %s is recognised and decoded exactly', (enc) => {
    const d = decodeText(encodeLegacy(SAMPLE, enc));
    expect(d.encoding).toBe(enc);
    expect(d.confidence).toBe('high');
    expect(d.text.normalize('NFC')).toBe(SAMPLE);
  });
  it('Windows-1258 really uses combining tone marks (the fixture is honest)', () => {
    const bytes = encodeCp1258('Phường');
    expect([...bytes]).toContain(0xcc); // combining grave after ơ
    expect(bytes.length).toBe(7);
  });
  it('plain ASCII is UTF-8', () => {
    expect(decodeText(Buffer.from('a,b\n1,2'))).toMatchObject({ encoding: 'utf-8', confidence: 'certain' });
  });
  it('syllable check', () => {
    for (const w of ['Phường', 'Nghĩa', 'quyết', 'Ứng', 'giữa', 'Hoà', 'khuya']) expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ['Phæ°', 'Ä‘', 'Straße', 'ñandú', 'Phườngg']) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});
