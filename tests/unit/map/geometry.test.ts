import { describe, expect, it } from 'vitest';
import { loadDistrictBoundaries } from '../../../electron/core/reference';
import { areaLabelPoint, bboxOf, labelPoint, pointInPolygon, type PolygonCoords } from '../../../renderer/src/map/geometry';

const square = (x: number, y: number, s: number): PolygonCoords => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

describe('label placement', () => {
  it('puts every shipped district label inside its district (pole of inaccessibility, not a centroid)', () => {
    const fc = loadDistrictBoundaries();
    expect(fc.features).toHaveLength(30);
    for (const f of fc.features) {
      const [x, y] = areaLabelPoint(f.geometry);
      expect(pointInPolygon(x, y, f.geometry.coordinates as PolygonCoords), f.properties.name).toBe(true);
    }
  });

  it('keeps a concave shape’s label off the notch', () => {
    // A "U": its centroid falls in the empty middle; the label must not.
    const u: PolygonCoords = [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ];
    const [x, y] = labelPoint(u, 0.001);
    expect(pointInPolygon(x, y, u)).toBe(true);
    expect(pointInPolygon(1.5, 1.5, u)).toBe(false);
  });

  it('treats holes as outside', () => {
    const withHole: PolygonCoords = [...square(0, 0, 4), ...square(1, 1, 2)];
    expect(pointInPolygon(0.5, 0.5, withHole)).toBe(true);
    expect(pointInPolygon(2, 2, withHole)).toBe(false);
    const [x, y] = labelPoint(withHole, 0.001);
    expect(pointInPolygon(x, y, withHole)).toBe(true);
  });

  it('bounding boxes', () => {
    expect(bboxOf([square(1, 2, 3), square(-1, 0, 1)])).toEqual([-1, 0, 4, 5]);
  });
});
