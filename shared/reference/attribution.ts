/**
 * Texts the app must show on its offline "Giới thiệu / Nguồn dữ liệu" (About / Data sources)
 * screen. The three data lines are the ones required by resources/data/SOURCES.md
 * ("Attribution the app must show"); the English text is verbatim from there, the
 * Vietnamese text is our translation. Shared with the browser renderer: no Node imports.
 */

export interface LocalizedText {
  vi: string;
  en: string;
}

export type AttributionKind = 'data' | 'software' | 'font';

export interface AttributionEntry {
  /** Stable key (for React keys and tests). */
  id: string;
  kind: AttributionKind;
  /** What the entry covers, e.g. "Ranh giới quận, huyện" / "District boundaries". */
  subject: LocalizedText;
  /** The line to display. */
  text: LocalizedText;
  /** SPDX-like license identifier. */
  license: string;
  /** Where the license or project can be read (shown as text; the app works offline). */
  url: string;
  /**
   * True when the text is a placeholder to be checked against the shipped package's
   * LICENSE file before release (the copyright line may change with the version).
   */
  placeholder: boolean;
}

export const DATA_ATTRIBUTIONS: readonly AttributionEntry[] = [
  {
    id: 'district-boundaries',
    kind: 'data',
    subject: { vi: 'Ranh giới quận, huyện, thị xã', en: 'District boundaries' },
    text: {
      en: 'geoBoundaries (www.geoboundaries.org), boundary VNM-ADM2-81297802, CC BY 3.0 IGO. Original data: Government of Viet Nam / UN OCHA ROAP (HDX COD-AB). Modified: Hà Nội subset, attributes replaced, coordinates rounded to 5 decimals.',
      vi: 'geoBoundaries (www.geoboundaries.org), ranh giới VNM-ADM2-81297802, giấy phép CC BY 3.0 IGO. Dữ liệu gốc: Chính phủ Việt Nam / UN OCHA ROAP (HDX COD-AB). Đã chỉnh sửa: trích phần Hà Nội, thay thuộc tính, làm tròn tọa độ đến 5 chữ số thập phân.',
    },
    license: 'CC-BY-3.0-IGO',
    url: 'https://www.geoboundaries.org',
    placeholder: false,
  },
  {
    id: 'admin-units-population',
    kind: 'data',
    subject: { vi: 'Mã đơn vị hành chính và dân số 2019', en: 'Administrative codes and 2019 population' },
    text: {
      en: 'General Statistics Office of Viet Nam (GSO): administrative unit list and 2019 Population and Housing Census.',
      vi: 'Tổng cục Thống kê (GSO): Danh mục đơn vị hành chính Việt Nam và Tổng điều tra dân số và nhà ở năm 2019.',
    },
    license: 'public-official-data',
    url: 'https://www.gso.gov.vn',
    placeholder: false,
  },
  {
    id: 'hospitals-osm',
    kind: 'data',
    subject: { vi: 'Vị trí bệnh viện', en: 'Hospitals' },
    text: {
      en: '© OpenStreetMap contributors, ODbL 1.0 (www.openstreetmap.org/copyright).',
      vi: '© Những người đóng góp OpenStreetMap, giấy phép ODbL 1.0 (www.openstreetmap.org/copyright).',
    },
    license: 'ODbL-1.0',
    url: 'https://www.openstreetmap.org/copyright',
    placeholder: false,
  },
];

export const SOFTWARE_ATTRIBUTIONS: readonly AttributionEntry[] = [
  {
    id: 'maplibre-gl-js',
    kind: 'software',
    subject: { vi: 'Thư viện bản đồ', en: 'Map library' },
    text: {
      en: 'MapLibre GL JS — Copyright (c) MapLibre contributors. BSD 3-Clause License.',
      vi: 'MapLibre GL JS — Bản quyền (c) những người đóng góp MapLibre. Giấy phép BSD 3 điều khoản.',
    },
    license: 'BSD-3-Clause',
    url: 'https://github.com/maplibre/maplibre-gl-js/blob/main/LICENSE.txt',
    placeholder: true,
  },
  {
    id: 'be-vietnam-pro',
    kind: 'font',
    subject: { vi: 'Phông chữ', en: 'Font' },
    text: {
      en: 'Be Vietnam Pro — Copyright 2021 The Be Vietnam Pro Project Authors (https://github.com/bettergui/BeVietnamPro). SIL Open Font License 1.1.',
      vi: 'Be Vietnam Pro — Bản quyền 2021 The Be Vietnam Pro Project Authors (https://github.com/bettergui/BeVietnamPro). Giấy phép SIL Open Font License 1.1.',
    },
    license: 'OFL-1.1',
    url: 'https://openfontlicense.org',
    placeholder: true,
  },
];

/** Everything for the About / Data sources screen, data first. */
export const ATTRIBUTIONS: readonly AttributionEntry[] = [...DATA_ATTRIBUTIONS, ...SOFTWARE_ATTRIBUTIONS];
