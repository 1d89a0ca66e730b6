import type { FontFacesSpecification } from 'maplibre-gl';
// Be Vietnam Pro SemiBold, the same family the UI uses, shipped in the build: MapLibre draws
// the labels from these files through the style's `font-faces` — no glyph or tile server.
// Three subsets as published by @fontsource; the Vietnamese one is listed first so precomposed
// letters (ố, ư, Đ …) come from it.
import vietnamese600 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-600-normal.woff2?url';
import latinExt600 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-ext-600-normal.woff2?url';
import latin600 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-600-normal.woff2?url';
import vietnamese700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2?url';
import latinExt700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-ext-700-normal.woff2?url';
import latin700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2?url';

/** `text-font` names used by the map's symbol layers. */
export const LABEL_FONT = 'Be Vietnam Pro SemiBold';
export const BOLD_FONT = 'Be Vietnam Pro Bold';

// Unicode ranges copied from @fontsource/be-vietnam-pro/600.css (same for every weight).
const RANGES = {
  vietnamese: ['U+0102-0103', 'U+0110-0111', 'U+0128-0129', 'U+0168-0169', 'U+01A0-01A1', 'U+01AF-01B0', 'U+0300-0301', 'U+0303-0304', 'U+0308-0309', 'U+0323', 'U+0329', 'U+1EA0-1EF9', 'U+20AB'],
  latinExt: ['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+1D00-1DBF', 'U+1E00-1E9F', 'U+1EF2-1EFF', 'U+2020', 'U+20A0-20AB', 'U+20AD-20C0', 'U+2113', 'U+2C60-2C7F', 'U+A720-A7FF'],
  latin: ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD'],
};

/** Absolute URLs: MapLibre resolves style URLs itself, and the page may not sit at the root path. */
const abs = (u: string) => new URL(u, document.baseURI).href;

export function mapFontFaces(): FontFacesSpecification {
  return {
    [LABEL_FONT]: [
      { url: abs(vietnamese600), 'unicode-range': RANGES.vietnamese },
      { url: abs(latinExt600), 'unicode-range': RANGES.latinExt },
      { url: abs(latin600), 'unicode-range': RANGES.latin },
    ],
    [BOLD_FONT]: [
      { url: abs(vietnamese700), 'unicode-range': RANGES.vietnamese },
      { url: abs(latinExt700), 'unicode-range': RANGES.latinExt },
      { url: abs(latin700), 'unicode-range': RANGES.latin },
    ],
  };
}
