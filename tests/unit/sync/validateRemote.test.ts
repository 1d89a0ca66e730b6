import { describe, expect, it } from 'vitest';
import { validateRemote, ValidationError } from '../../../electron/core/store';
import { IDS, SAMPLES } from '../store/fixtures';

/** The boundary check of store.applyRemote: pure, before any transaction. */

const base = {
  entity: 'task',
  entityId: IDS.task,
  field: 'title',
  value: 'Tiêu đề',
  hlc: '001638316800000-0000-siteA',
  siteId: 'siteA',
  userId: null,
  opId: 'op-1',
};

function err(rows: unknown): ValidationError {
  try {
    validateRemote(rows);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('validateRemote', () => {
  it('accepts field changes, whole-row creates and tombstones, normalising values', () => {
    const out = validateRemote([
      { ...base, value: '  Cafe\u0301  ' },
      { ...base, field: '_created', value: SAMPLES.task.create },
      { ...base, field: '_deleted', value: true },
      { ...base, entity: 'caseReport', entityId: `${IDS.ward}:2021-12-01`, field: '_created', value: SAMPLES.caseReport.create },
    ]);
    expect(JSON.parse(out[0]!.json)).toBe('Café'); // trimmed, NFC
    expect(Object.keys(JSON.parse(out[1]!.json) as object)).not.toContain('id');
    expect(out[2]!.json).toBe('true');
  });

  it('names entity, id and field of the first bad row', () => {
    expect(err([base, { ...base, field: 'status', value: 'nope' }])).toMatchObject({ entity: 'task', id: IDS.task, field: 'status' });
    expect(err([{ ...base, field: 'bogus' }])).toMatchObject({ field: 'bogus' });
    expect(err([{ ...base, entity: 'spaceship' }])).toMatchObject({ entity: 'spaceship' });
    expect(err([{ ...base, field: 'id', value: 'x' }])).toMatchObject({ field: 'id' }); // the key never changes
    expect(err([{ ...base, field: '_created', value: { ...SAMPLES.task.create, title: '' } }])).toMatchObject({ field: 'title' });
    expect(err([{ ...base, field: '_deleted', value: 'yes' }])).toMatchObject({ field: '_deleted' });
    expect(err([{ ...base, hlc: 'tomorrow' }])).toMatchObject({ field: 'hlc' });
    expect(err([{ ...base, hlc: '001638316800000-0000-siteB' }])).toMatchObject({ field: 'hlc' }); // stamp of another site
    expect(err([{ ...base, siteId: 'bad site!' }])).toMatchObject({ field: 'siteId' });
    expect(err('nope')).toBeInstanceOf(ValidationError);
  });

  it('append-only rows accept only their create; natural keys must match the row', () => {
    const upd = { ...base, entity: 'taskUpdate', entityId: '0190a6f0-0000-7000-8000-0000000000ff' };
    expect(err([{ ...upd, field: 'text', value: 'sửa' }])).toMatchObject({ entity: 'taskUpdate', field: 'text' });
    expect(err([{ ...upd, field: '_deleted', value: true }])).toMatchObject({ field: '_deleted' });
    expect(
      err([{ ...base, entity: 'caseReport', entityId: `${IDS.ward}:2021-12-02`, field: '_created', value: SAMPLES.caseReport.create }]),
    ).toMatchObject({ field: 'id' });
    expect(err([{ ...base, entity: 'caseReport', entityId: `${IDS.ward}:2021-12-01`, field: 'date', value: '2021-12-03' }])).toMatchObject({ field: 'date' });
  });
});
