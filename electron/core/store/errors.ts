/**
 * Typed errors of the local store. Callers (IPC, HTTP, CLI) switch on `code`, never on
 * the message; messages are bilingual "Vietnamese / English" because they can reach an
 * operator's screen directly (startup failure dialog) as well as a developer's log.
 */

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type StoreOpenErrorCode =
  | 'not_found' // read-only open of a missing file
  | 'not_a_database' // not an SQLite file at all (garbage, encrypted, wrong file picked)
  | 'corrupt' // SQLite file whose integrity/quick check fails
  | 'too_new' // user_version newer than this build knows: written by a newer app
  | 'foreign' // a valid SQLite file that is not a Sa Bàn database
  | 'needs_migration' // read-only open of an older version (migrating would write)
  | 'site_mismatch' // caller's siteId differs from the one stored in the file
  | 'io'; // anything else the OS/SQLite reported

const OPEN_MESSAGES: Record<StoreOpenErrorCode, [vi: string, en: string]> = {
  not_found: ['Không tìm thấy tệp dữ liệu', 'Database file not found'],
  not_a_database: ['Tệp không phải là cơ sở dữ liệu SQLite', 'File is not an SQLite database'],
  corrupt: ['Tệp dữ liệu bị hỏng (kiểm tra toàn vẹn thất bại)', 'Database file is corrupt (integrity check failed)'],
  too_new: [
    'Tệp dữ liệu được tạo bởi phiên bản Sa Bàn mới hơn; hãy cập nhật ứng dụng',
    'Database was written by a newer Sa Bàn version; update the app',
  ],
  foreign: ['Tệp không phải là dữ liệu của Sa Bàn', 'File is not a Sa Bàn database'],
  needs_migration: [
    'Tệp dữ liệu cũ cần nâng cấp nhưng đang mở ở chế độ chỉ đọc',
    'Database needs an upgrade but was opened read-only',
  ],
  site_mismatch: ['Mã trạm (site id) không khớp với tệp dữ liệu', 'Site id does not match the database file'],
  io: ['Không mở được tệp dữ liệu', 'Could not open the database file'],
};

/** Raised by openStore/restoreBackup. The file named in `path` has NOT been modified. */
export class StoreOpenError extends StoreError {
  declare readonly code: StoreOpenErrorCode;
  constructor(
    code: StoreOpenErrorCode,
    readonly path: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    const [vi, en] = OPEN_MESSAGES[code];
    super(code, `${vi} / ${en}: ${path}${detail ? ` (${detail})` : ''}`, options);
  }
}

/**
 * Input rejected by the write path. Always names the entity, the row id and the field
 * so the UI can put the message next to the right input. Nothing of the write call was
 * committed.
 */
export class ValidationError extends StoreError {
  declare readonly code: 'invalid';
  constructor(
    readonly entity: string,
    readonly id: string | null,
    readonly field: string | null,
    readonly reason: string,
    /** Every problem found (the message shows the first). */
    readonly issues: ReadonlyArray<{ field: string | null; message: string }> = [{ field, message: reason }],
  ) {
    super(
      'invalid',
      `Dữ liệu không hợp lệ / Invalid data: ${entity}${id !== null ? ` "${id}"` : ''}` +
        `${field !== null ? `, trường/field "${field}"` : ''}: ${reason}`,
    );
  }
}

export type WriteErrorCode =
  | 'not_found' // update/delete of a row that does not exist (or is deleted)
  | 'exists' // create of a row that already exists
  | 'not_allowed' // e.g. update/delete of an append-only entity
  | 'readonly'; // store opened read-only

const WRITE_MESSAGES: Record<WriteErrorCode, [vi: string, en: string]> = {
  not_found: ['Không tìm thấy bản ghi', 'Record not found'],
  exists: ['Bản ghi đã tồn tại', 'Record already exists'],
  not_allowed: ['Thao tác không được phép', 'Operation not allowed'],
  readonly: ['Dữ liệu đang mở ở chế độ chỉ đọc', 'Store is read-only'],
};

/** A well-formed write that cannot be applied to the current state. Nothing was committed. */
export class WriteError extends StoreError {
  declare readonly code: WriteErrorCode;
  constructor(
    code: WriteErrorCode,
    readonly entity: string | null,
    readonly id: string | null,
    detail?: string,
  ) {
    const [vi, en] = WRITE_MESSAGES[code];
    super(code, `${vi} / ${en}${entity ? `: ${entity}` : ''}${id !== null ? ` "${id}"` : ''}${detail ? ` (${detail})` : ''}`);
  }
}

export type BackupErrorCode = 'target_open' | 'bad_backup' | 'io';

/** restoreBackup refused or failed; the target file is untouched unless code is 'io' after the swap (documented). */
export class BackupError extends StoreError {
  declare readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
