import { openStore, StoreOpenError } from './electron/core/store';
import { seedParents } from './tests/unit/store/fixtures';
import fs from 'node:fs';
fs.rmSync('/tmp/x', { recursive: true, force: true }); fs.mkdirSync('/tmp/x');
const s = openStore({ path: '/tmp/x/a.db' }); seedParents(s); s.close();
const full = fs.readFileSync('/tmp/x/a.db');
console.log('size', full.length, fs.readdirSync('/tmp/x'));
for (const cut of [50, 100, 4096, 8192, Math.floor(full.length / 2), full.length - 4096]) {
  fs.writeFileSync('/tmp/x/t.db', full.subarray(0, cut));
  try { const t = openStore({ path: '/tmp/x/t.db' }); console.log(cut, 'OPENED?!', t.list('facility').length); t.close(); }
  catch (e) { console.log(cut, (e as StoreOpenError).code, (e as Error).message.slice(0, 200)); }
  fs.rmSync('/tmp/x/t.db', { force: true }); fs.rmSync('/tmp/x/t.db-wal', { force: true }); fs.rmSync('/tmp/x/t.db-shm', { force: true });
}
// zero a page in the middle
const z = Buffer.from(full); z.fill(0, 4096 * 5, 4096 * 6); fs.writeFileSync('/tmp/x/z.db', z);
try { openStore({ path: '/tmp/x/z.db' }); console.log('zero page opened'); } catch (e) { console.log('zero', (e as StoreOpenError).code, (e as Error).message.slice(0, 200)); }
fs.writeFileSync('/tmp/x/g.db', Buffer.alloc(10000, 7));
try { openStore({ path: '/tmp/x/g.db' }); } catch (e) { console.log('garbage', (e as StoreOpenError).code, (e as Error).message); }
console.log(fs.readdirSync('/tmp/x'));
