/**
 * The local store: SQLite via better-sqlite3, owned by the core (plain Node, no Electron).
 * Domain services read through `store.db` / get / list and write ONLY through `store.write`.
 */
export { openStore, inspectDatabase, isStoreOpen, AUTO_FULL_CHECK_BYTES } from './db';
export type { Store, OpenStoreOptions, CommitEvent, CommitListener, IntegrityCheck, ConflictRow } from './db';
export { SYNC_PUSHED_SEQ_KEY, remoteChange, validateRemote } from './applyRemote';
export type { RemoteChange, ApplyRemoteResult } from './applyRemote';
export type { WriteOp, WriteOpKind, WriteContext, WriteResult, BulkWriteResult, ChangedRef } from './write';
export type { Where, ListOptions } from './read';
export {
  ENTITIES,
  ENTITY_NAMES,
  INTERNAL_TABLES,
  DELETED_COLUMN,
  entityDef,
  setting,
  toSnakeCase,
} from './entities';
export type { EntityName, EntityOf, EntityTypes, EntityDef, ColumnDef, ColumnKind, Setting } from './entities';
export { StoreError, StoreOpenError, ValidationError, WriteError, BackupError } from './errors';
export type { StoreOpenErrorCode, WriteErrorCode, BackupErrorCode } from './errors';
export { Hlc, HlcDriftError, encodeHlc, decodeHlc, compareHlc, HLC_MAX_COUNTER } from './hlc';
export type { HlcState, HlcStamp, HlcOptions } from './hlc';
export { newId, newSiteId } from './ids';
export { MIGRATIONS, LATEST_VERSION, APPLICATION_ID, migrate } from './migrations';
export type { Migration } from './migrations';
export {
  backupNow,
  backupNowSync,
  listBackups,
  pruneBackups,
  startBackupScheduler,
  verifyBackup,
  restoreBackup,
} from './backup';
export type { BackupScheduler, SchedulerOptions, BackupOptions, RestoreResult } from './backup';
