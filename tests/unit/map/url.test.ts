import { describe, expect, it } from 'vitest';
import { DEFAULT_METRIC, formatMapUrl, parseMapUrl } from '../../../renderer/src/map/url';

describe('map URL state', () => {
  it('round-trips district, day, metric and view', () => {
    const s = parseMapUrl(new URLSearchParams('d=001&day=2021-12-15&m=level&v=ward'));
    expect(s).toEqual({ district: '001', day: '2021-12-15', metric: 'level', view: 'ward' });
    expect(formatMapUrl(s)).toBe('/map?d=001&day=2021-12-15&m=level&v=ward');
    expect(parseMapUrl(new URL(formatMapUrl(s), 'http://x').searchParams)).toEqual(s);
  });

  it('ignores what a pasted link gets wrong', () => {
    expect(parseMapUrl(new URLSearchParams('d=1&day=2021-02-30&m=cases&v=street'))).toEqual({
      district: null,
      day: null,
      metric: DEFAULT_METRIC,
      view: 'district',
    });
    expect(parseMapUrl(new URLSearchParams('d=00101')).district).toBeNull(); // wards are not selected from the URL
  });

  it('keeps unrelated parameters (wall token, language)', () => {
    const url = formatMapUrl({ district: null, day: '2021-12-01', metric: 'incidence', view: 'district' }, new URLSearchParams('token=abc&lang=en&d=002'));
    expect(url).toBe('/map?token=abc&lang=en&day=2021-12-01&m=incidence');
  });
});
