import { describe, expect, it } from 'vitest';
import { bandPaths } from '../../../renderer/src/components/charts/scale';

describe('bandPaths (shaded intervals on the line chart)', () => {
  const x = (i: number) => i * 10;
  const y = (v: number) => 100 - v;

  it('draws the upper edge forward and the lower edge back, closed', () => {
    expect(bandPaths([1, 2, 3], [5, 6, 7], x, y)).toEqual(['M0.0,95.0L10.0,94.0L20.0,93.0L20.0,97.0L10.0,98.0L0.0,99.0Z']);
  });

  it('a missing bound ends the band (one path per run), as a null ends a line', () => {
    const paths = bandPaths([null, 1, 2, null, 4], [null, 3, 4, 9, 6], x, y);
    expect(paths).toEqual(['M10.0,97.0L20.0,96.0L20.0,98.0L10.0,99.0Z', 'M40.0,94.0L40.0,96.0Z']);
    expect(bandPaths([null, null], [1, 2], x, y)).toEqual([]);
  });
});
