import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, type OpenStoreOptions, type Store } from '../../../electron/core/store';
import { seedParents } from '../../unit/store/fixtures';

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Opens stores for a test and closes whatever is still open at the end. */
export function storeOpener() {
  const open: Store[] = [];
  return {
    open(opts: OpenStoreOptions): Store {
      const s = openStore(opts);
      open.push(s);
      return s;
    },
    closeAll(): void {
      for (const s of open.splice(0)) s.close();
    },
  };
}

/** A closed, valid database file with the parent fixtures in it. */
export function makeDbFile(dir: string, name = 'saban.db'): string {
  const file = path.join(dir, name);
  const s = openStore({ path: file });
  seedParents(s);
  s.close();
  return file;
}
