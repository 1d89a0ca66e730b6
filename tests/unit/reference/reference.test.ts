import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adminUnit } from '../../../shared/domain';
import { ATTRIBUTIONS, DATA_ATTRIBUTIONS, SOFTWARE_ATTRIBUTIONS } from '../../../shared/reference/attribution';
import { REFERENCE_FILES } from '../../../shared/reference/types';
import { pointInPolygon } from '../../../electron/core/demo/geo';
import {
  dataDir,
  loadAdminUnits,
  loadDistrictBoundaries,
  loadOsmHospitals,
  referenceFile,
  resourcesDir,
} from '../../../electron/core/reference';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sourcesMd = () => fs.readFileSync(referenceFile('sources'), 'utf8');

describe('resourcesDir', () => {
  it('finds <repo>/resources from the source tree', () => {
    expect(resourcesDir({})).toBe(path.join(repoRoot, 'resources'));
    expect(dataDir({})).toBe(path.join(repoRoot, 'resources', 'data'));
  });

  it('is overridden by SABAN_RESOURCES, which must exist', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-res-'));
    try {
      expect(resourcesDir({ SABAN_RESOURCES: tmp })).toBe(tmp);
      expect(() => resourcesDir({ SABAN_RESOURCES: path.join(tmp, 'missing') })).toThrow(/SABAN_RESOURCES/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('bundled reference files', () => {
  it('are verbatim copies: SHA-256 equals the hashes listed in SOURCES.md', () => {
    const md = sourcesMd();
    for (const key of ['districts', 'adminUnits', 'hospitals'] as const) {
      const name = REFERENCE_FILES[key];
      const listed = new RegExp(`\`[a-z]+/${name.replace('.', '\\.')}\` ([0-9a-f]{64})`).exec(md)?.[1];
      expect(listed, `${name} hash in SOURCES.md`).toBeDefined();
      const actual = createHash('sha256').update(fs.readFileSync(referenceFile(key))).digest('hex');
      expect(actual, name).toBe(listed);
    }
  });
});

describe('loadAdminUnits', () => {
  const units = loadAdminUnits();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const province = units.filter((u) => u.level === 'province');
  const districts = units.filter((u) => u.level === 'district');
  const wards = units.filter((u) => u.level === 'ward');

  it('has the province, 30 districts and 579 wards with unique codes', () => {
    expect(province.map((u) => u.code)).toEqual(['01']);
    expect(districts).toHaveLength(30);
    expect(wards).toHaveLength(579);
    expect(byCode.size).toBe(units.length);
    const count = (t: string) => units.filter((u) => u.type === t).length;
    expect([count('quan'), count('huyen'), count('thi_xa')]).toEqual([12, 17, 1]);
    expect([count('phuong'), count('xa'), count('thi_tran')]).toEqual([175, 383, 21]);
  });

  it('has the 2019 census population: province = sum of districts = sum of wards = 8,053,663', () => {
    const sum = (list: typeof units) => list.reduce((s, u) => s + u.population, 0);
    expect(province[0]!.population).toBe(8_053_663);
    expect(sum(districts)).toBe(8_053_663);
    expect(sum(wards)).toBe(8_053_663);
    for (const d of districts) expect(sum(wards.filter((w) => w.parentCode === d.code)), d.name).toBe(d.population);
  });

  it('links every unit to an existing parent one level up', () => {
    expect(province[0]!.parentCode).toBeNull();
    for (const d of districts) expect(byCode.get(d.parentCode!)?.level, d.code).toBe('province');
    for (const w of wards) expect(byCode.get(w.parentCode!)?.level, w.code).toBe('district');
  });

  it('has NFC names and rows that validate against the domain schema', () => {
    for (const u of units) {
      expect(u.name, u.code).toBe(u.name.normalize('NFC'));
      expect(u.fullName, u.code).toBe(u.fullName.normalize('NFC'));
      expect(u.fullName.endsWith(u.name), u.code).toBe(true);
      expect(adminUnit.parse(u)).toEqual(u);
    }
    expect(byCode.get('00001')?.fullName).toBe('Phường Phúc Xá');
    expect(byCode.get('282')?.name).toBe('Mỹ Đức');
  });

  it('returns fresh objects on every call', () => {
    const a = loadAdminUnits();
    a[0]!.population = 0;
    expect(loadAdminUnits()[0]!.population).toBe(8_053_663);
  });
});

describe('loadDistrictBoundaries', () => {
  const fc = loadDistrictBoundaries();
  it('has one polygon per district, with the same code', () => {
    const districts = loadAdminUnits().filter((u) => u.level === 'district');
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(30);
    for (const d of districts) {
      const f = fc.features.find((x) => x.id === d.code);
      expect(f, d.code).toBeDefined();
      expect(f!.properties.code).toBe(d.code);
      expect(f!.properties.name).toBe(d.name);
      expect(f!.properties.population).toBe(d.population);
      expect(f!.geometry.type).toBe('Polygon');
      const ring = f!.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
  });

  it('puts landmarks in the right district', () => {
    const districtAt = (lon: number, lat: number) => fc.features.filter((f) => pointInPolygon(lon, lat, f.geometry.coordinates)).map((f) => f.properties.name);
    expect(districtAt(105.8523, 21.0287)).toEqual(['Hoàn Kiếm']); // Hồ Gươm
    expect(districtAt(105.8345, 21.0368)).toEqual(['Ba Đình']); // Lăng Bác
    expect(districtAt(105.8067, 21.2212)).toEqual(['Sóc Sơn']); // Nội Bài
  });
});

describe('loadOsmHospitals', () => {
  const hospitals = loadOsmHospitals();
  const fc = loadDistrictBoundaries();
  it('has the 107 hospitals, each inside its district polygon', () => {
    expect(hospitals).toHaveLength(107);
    for (const h of hospitals) {
      const f = fc.features.find((x) => x.id === h.districtCode);
      expect(f, h.name).toBeDefined();
      expect(pointInPolygon(h.lon, h.lat, f!.geometry.coordinates), h.name).toBe(true);
      expect(h.osmId).toMatch(/^(node|way|relation)\/\d+$/);
      expect(h.name).toBe(h.name.normalize('NFC'));
    }
    expect(hospitals.find((h) => h.osmId === 'way/218625367')?.name).toBe('Bệnh viện Bạch Mai');
  });
});

describe('attribution texts', () => {
  it('contain the three lines SOURCES.md requires, verbatim in English, with Vietnamese texts', () => {
    const md = sourcesMd();
    const section = md.slice(md.indexOf('## Attribution the app must show'), md.indexOf('---', md.indexOf('## Attribution the app must show')));
    const required = [...section.matchAll(/^- [^:]+: "(.+)"$/gm)].map((m) => m[1]);
    expect(required).toHaveLength(3);
    expect(DATA_ATTRIBUTIONS.map((a) => a.text.en)).toEqual(required);
    for (const a of ATTRIBUTIONS) {
      expect(a.text.vi.length, a.id).toBeGreaterThan(20);
      expect(a.subject.vi.length, a.id).toBeGreaterThan(0);
    }
  });

  it('credit MapLibre GL JS (BSD-3-Clause) and Be Vietnam Pro (OFL 1.1)', () => {
    const byId = new Map(SOFTWARE_ATTRIBUTIONS.map((a) => [a.id, a]));
    expect(byId.get('maplibre-gl-js')?.license).toBe('BSD-3-Clause');
    expect(byId.get('be-vietnam-pro')?.license).toBe('OFL-1.1');
    expect(byId.get('maplibre-gl-js')?.text.en).toMatch(/MapLibre GL JS/);
    expect(byId.get('be-vietnam-pro')?.text.en).toMatch(/SIL Open Font License 1\.1/);
  });

  it('shared/reference imports nothing from Node (it also runs in the renderer)', () => {
    const dir = path.join(repoRoot, 'shared', 'reference');
    for (const file of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const spec of imports) expect(spec.startsWith('.') , `${file} imports ${spec}`).toBe(true);
    }
  });
});
