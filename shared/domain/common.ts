import { z } from 'zod';

/**
 * Shared primitive schemas. Every value that crosses a boundary (IPC, HTTP,
 * files, sync peers) is parsed with these, so the error messages name the field.
 */

/** Calendar day as `YYYY-MM-DD` (stored and exchanged in ISO; shown as dd/MM/yyyy). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'ngày không hợp lệ');
export type IsoDate = z.infer<typeof isoDate>;

/**
 * Instant as ISO-8601. Any offset is accepted on input ("2021-12-01T17:00+07:00") and
 * stored canonical UTC (`2021-12-01T10:00:00.000Z`), so instants compare as strings in SQL.
 */
export const isoDateTime = z.iso
  .datetime({ offset: true, local: false })
  .transform((s) => new Date(s).toISOString());

/** UUIDv7 (time-ordered) for user-created rows; any RFC 4122 UUID is accepted on input. */
export const uuid = z.uuid();

/** GSO administrative codes: province 2 digits, district 3, ward/commune 5. */
export const unitCode = z.string().regex(/^(\d{2}|\d{3}|\d{5})$/, 'mã đơn vị hành chính (GSO) không hợp lệ');

/** Counts of people, beds, … : whole numbers, never negative. */
export const count = z.number().int('phải là số nguyên').nonnegative('không được âm');

export const lon = z.number().min(-180).max(180);
export const lat = z.number().min(-90).max(90);

/** A short human-entered text (names, titles). NFC-normalised so comparisons and search work. */
export const text = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s.normalize('NFC'));
export const requiredText = (max = 500) =>
  z
    .string()
    .trim()
    .min(1, 'không được để trống')
    .max(max)
    .transform((s) => s.normalize('NFC'));

/** GeoJSON geometry accepted for zones and boundaries (validated structurally, not topologically). */
const position = z.tuple([lon, lat]).rest(z.number());
const ring = z.array(position).min(4, 'vòng đa giác cần ít nhất 4 điểm');
export const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
export const multiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
export const areaGeometry = z.discriminatedUnion('type', [polygonGeometry, multiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof areaGeometry>;
