/**
 * Colours. Every colour used for a metric or a level is defined here, once.
 *
 * Level colours: the colour NAMES are official (NQ 128/NQ-CP: xanh, vàng, cam, đỏ [S1]); the
 * exact shades are our choice, picked so that each has a label colour with WCAG contrast ≥ 4.5
 * (checked in tests) and so that the level number can always be printed on the fill — the
 * number, not the hue, is what makes the green/orange pair readable for red-green colour-blind
 * viewers.
 *
 * Sequential/diverging palettes for other metrics: ColorBrewer 2.0 (Cynthia A. Brewer, Mark
 * Harrower, The Pennsylvania State University, https://colorbrewer2.org, Apache-2.0 licence).
 * The schemes used (YlOrRd, YlGnBu, RdBu, Purples) are marked "colorblind safe" on colorbrewer2.org.
 */

export const LEVEL_COLOURS = Object.freeze({
  1: '#2E9D48', // xanh lá / green
  2: '#FFD100', // vàng / yellow
  3: '#F57C00', // cam / orange
  4: '#D32F2F', // đỏ / red
} as const);

/** Text/number colour to print on each level fill (contrast ≥ 4.5:1). */
export const LEVEL_TEXT_COLOURS = Object.freeze({
  1: '#111111',
  2: '#111111',
  3: '#111111',
  4: '#FFFFFF',
} as const);

/** ColorBrewer YlOrRd, 5 classes. */
export const YL_OR_RD_5 = Object.freeze(['#FFFFB2', '#FECC5C', '#FD8D3C', '#F03B20', '#BD0026'] as const);
/** ColorBrewer YlOrRd, 6 classes. */
export const YL_OR_RD_6 = Object.freeze(['#FFFFB2', '#FED976', '#FEB24C', '#FD8D3C', '#F03B20', '#BD0026'] as const);
/** ColorBrewer YlGnBu, 5 classes (coverage: darker = better covered). */
export const YL_GN_BU_5 = Object.freeze(['#FFFFCC', '#A1DAB4', '#41B6C4', '#2C7FB8', '#253494'] as const);
/** ColorBrewer RdBu, 6 classes, reversed so it runs blue (falling) → red (rising). */
export const BU_RD_6 = Object.freeze(['#2166AC', '#67A9CF', '#D1E5F0', '#FDDBC7', '#EF8A62', '#B2182B'] as const);

/** ColorBrewer Purples, 5 classes (reporting delay: darker = longer without a report). */
export const PURPLES_5 = Object.freeze(['#F2F0F7', '#CBC9E2', '#9E9AC8', '#756BB1', '#54278F'] as const);

/** Fill for units with no data (neutral grey, distinct from every palette above). */
export const NO_DATA_COLOUR = '#BDBDBD';

/** WCAG 2.x relative luminance of a `#RRGGBB` colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #RRGGBB colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
