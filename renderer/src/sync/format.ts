import type { TFunction } from 'i18next';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** Label of a field in a conflict ("Hạn", "Trạng thái"); the field name when there is none. */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`sync.fields.${field}`, { defaultValue: field });
}

/**
 * A field value as an operator reads it: dates dd/MM/yyyy, numbers 1.234,5, task statuses
 * and priorities in words; objects (a whole row, a boundary) only summarised.
 */
export function displayValue(t: TFunction, entity: string, field: string, value: unknown, lang: 'vi' | 'en' = 'vi'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === '_deleted') return value === true ? t('sync.conflicts.deleted') : t('sync.conflicts.notDeleted');
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') {
    if (entity === 'task' && (field === 'status' || field === 'priority')) return t(`tasks.${field}.${value}`, { defaultValue: value });
    if (ISO_DATE.test(value)) return formatDate(value);
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    return value;
  }
  if (field === '_created' && typeof value === 'object') {
    const row = value as Record<string, unknown>;
    const name = row.title ?? row.name ?? null;
    return name ? `${t('sync.conflicts.wholeRow')}: ${String(name)}` : t('sync.conflicts.wholeRow');
  }
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}
