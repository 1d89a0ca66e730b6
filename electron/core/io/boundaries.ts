import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { areaGeometry, type AreaGeometry } from '../../../shared/domain';
import { cellText, fold } from '../../../shared/io';
import type { Store } from '../store';
import type { CallContext } from '../api/context';
import { decodeUpload, unitIndex } from './pipeline';

/**
 * Ward boundaries arrive as a GeoJSON file (no open-licence source ships with the app).
 * Each feature is matched to a ward by its code or, failing that, by its name inside its
 * district (property names vary between sources: code/ma/ma_xa…, name/ten/ten_xa/NAME_3…).
 * Geometry is checked structurally (Polygon/MultiPolygon with valid rings); the result is
 * stored as the shared setting `boundaries.ward`, which `boundaries.get` serves.
 */
const CODE_KEYS = ['code', 'ma', 'ma_xa', 'maxa', 'ma_phuong', 'ma_dvhc', 'madvhc', 'gso', 'gso_code', 'ward_code', 'id'];
const NAME_KEYS = ['name', 'ten', 'ten_xa', 'tenxa', 'ten_phuong', 'ten_dvhc', 'name_3', 'ward', 'ward_name'];
const DISTRICT_KEYS = ['district', 'huyen', 'quan', 'quan_huyen', 'ten_huyen', 'tenhuyen', 'name_2', 'district_name'];

const featureIn = z.object({ type: z.literal('Feature'), id: z.unknown().optional(), properties: z.record(z.string(), z.unknown()).nullable().optional(), geometry: z.unknown() });
const collectionIn = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).max(20_000) });

interface BoundarySession {
  expires: number;
  userId: string | null;
  level: 'ward';
  value: { type: 'FeatureCollection'; features: { type: 'Feature'; id: string; properties: Record<string, unknown>; geometry: AreaGeometry }[] };
}
const sessions = new Map<string, BoundarySession>();

function prop(props: Record<string, unknown>, keys: string[]): string | null {
  const byFold = new Map(Object.entries(props).map(([k, v]) => [fold(k).replace(/ /g, '_'), v]));
  for (const k of keys) {
    const v = byFold.get(k);
    const t = v === null || v === undefined ? '' : cellText(v);
    if (t) return t;
  }
  return null;
}

/** 6 decimals ≈ 0.1 m: plenty for ward outlines, and the setting stays a few MB. */
function round(g: AreaGeometry): AreaGeometry {
  const r = (ring: number[][]) => ring.map((p) => p.map((x) => Math.round(x * 1e6) / 1e6));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(r) as never } : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(r)) as never };
}

export function previewBoundaries(store: Store, ctx: CallContext, input: { level: 'ward'; fileName: string; contentBase64: string }, clock: () => number) {
  const bytes = decodeUpload(store, input.contentBase64);
  let json: unknown;
  try {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    json = JSON.parse(text);
  } catch (e) {
    throw new ApiError('invalid_input', `Tệp "${input.fileName}" không phải JSON hợp lệ: ${(e as Error).message} (not valid JSON)`, [{ path: 'contentBase64', message: 'not JSON' }]);
  }
  const fc = collectionIn.safeParse(json);
  if (!fc.success) throw new ApiError('invalid_input', `Tệp "${input.fileName}" không phải GeoJSON FeatureCollection (not a GeoJSON FeatureCollection)`, [{ path: 'contentBase64', message: 'FeatureCollection expected' }]);
  const units = unitIndex(store);
  const problems: { index: number | null; reason: string }[] = [];
  const unmatched: { index: number; name: string | null; code: string | null; reason: string; suggestions: string[] }[] = [];
  const out = new Map<string, BoundarySession['value']['features'][number] & { index: number }>();
  fc.data.features.forEach((raw, index) => {
    const f = featureIn.safeParse(raw);
    if (!f.success) return problems.push({ index, reason: 'không phải Feature GeoJSON (not a Feature)' });
    const g = areaGeometry.safeParse(f.data.geometry);
    if (!g.success) {
      const issue = g.error.issues[0];
      return problems.push({ index, reason: `hình học không hợp lệ: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''} (invalid geometry; Polygon/MultiPolygon expected)`.trim() });
    }
    const props = f.data.properties ?? {};
    const code = prop(props, CODE_KEYS) ?? (f.data.id !== undefined ? cellText(f.data.id) : null);
    const name = prop(props, NAME_KEYS);
    const districtName = prop(props, DISTRICT_KEYS);
    let unitCode: string | null = null;
    const byCode = code ? units.code(code, 'ward') : undefined;
    if (byCode) unitCode = byCode.code;
    else if (name) {
      const d = districtName ? units.district(districtName) : null;
      const w = units.ward(name, d?.ok ? d.unit.code : null);
      if (w.ok) unitCode = w.unit.code;
      else return unmatched.push({ index, name, code, reason: w.code === 'ambiguous_unit' ? 'trùng tên nhiều phường/xã (ambiguous)' : 'không tìm thấy (not found)', suggestions: w.suggestions });
    } else return unmatched.push({ index, name, code, reason: 'thiếu mã và tên (no code or name property)', suggestions: [] });
    const prev = out.get(unitCode);
    if (prev) return problems.push({ index, reason: `trùng đơn vị ${unitCode} với đối tượng #${prev.index} (duplicate unit)` });
    const unit = units.byCode.get(unitCode)!;
    out.set(unitCode, { type: 'Feature', id: unitCode, index, properties: { code: unitCode, name: unit.fullName, parentCode: unit.parentCode }, geometry: round(g.data) });
  });
  const wards = [...units.byCode.values()].filter((u) => u.level === 'ward');
  let token: string | null = null;
  if (problems.length === 0 && out.size > 0) {
    for (const [k, s] of sessions) if (s.expires <= clock()) sessions.delete(k);
    token = randomUUID();
    sessions.set(token, {
      expires: clock() + 15 * 60_000,
      userId: ctx.userId,
      level: 'ward',
      value: { type: 'FeatureCollection', features: [...out.values()].sort((a, b) => a.id.localeCompare(b.id)).map(({ index: _i, ...f }) => f) },
    });
  }
  return {
    token,
    level: input.level,
    features: fc.data.features.length,
    matched: out.size,
    unitsWithout: wards.filter((w) => !out.has(w.code)).length,
    unmatched: unmatched.slice(0, 500),
    problems: problems.slice(0, 500),
  };
}

export function applyBoundaries(store: Store, ctx: CallContext, token: string, clock: () => number) {
  const s = sessions.get(token);
  sessions.delete(token);
  if (!s || s.expires <= clock()) throw new ApiError('not_found', 'Phiên nhập ranh giới đã hết hạn — hãy kiểm tra lại tệp (boundary preview expired: preview again)');
  if (s.userId !== ctx.userId) throw new ApiError('forbidden', 'Phiên nhập này do người khác tạo (this preview belongs to another operator)');
  const r = store.setSetting({ userId: ctx.userId }, `boundaries.${s.level}`, s.value);
  return { features: s.value.features.length, changeCount: r.changeCount };
}
