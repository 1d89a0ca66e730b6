import crypto from 'node:crypto';
import { ApiError } from '../../../../shared/api/errors';
import type { Store } from '../../store';
import type { CallContext } from '../context';
import { crudHandlers, named } from './crud';
import { notFound, writeCtx } from './util';

/**
 * Local users. Password hashes (scrypt, per-user salt) are kept device-local in `meta`,
 * never in the synced change log: a hash must not travel to every peer.
 */
const pwKey = (id: string) => `password:${id}`;

export function hashPassword(password: string, salt = crypto.randomBytes(16)): string {
  const key = crypto.scryptSync(password.normalize('NFC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = crypto.scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(actual, expected);
}

export function userHandlers(store: Store, session: { get(): string | null; set(id: string): void }) {
  const users = crudHandlers(store, 'user', 'người dùng', {
    orderBy: 'username',
    onCreate: (fields) => ({ ...fields, hasPassword: false }),
  });
  return {
    ...named('users', users),
    'users.setPassword': ({ id, password }: { id: string; password: string | null }, ctx: CallContext) => {
      if (!store.get('user', id)) notFound('người dùng', id);
      store.setLocal(pwKey(id), password === null ? null : hashPassword(password));
      store.write(writeCtx(ctx), [{ op: 'update', entity: 'user', id, fields: { hasPassword: password !== null } }]);
      return store.get('user', id)!;
    },
    'session.current': () => {
      const id = session.get();
      return (id && store.get('user', id)) || null;
    },
    'session.switch': ({ userId, password }: { userId: string; password?: string }) => {
      const user = store.get('user', userId) ?? notFound('người dùng', userId);
      if (!user.active) throw new ApiError('forbidden', 'Tài khoản đã bị khóa (inactive user)');
      const hash = store.getLocal<string | null>(pwKey(userId));
      if (hash && !verifyPassword(password ?? '', hash)) {
        throw new ApiError('forbidden', 'Sai mật khẩu (wrong password)', [{ path: 'password', message: 'sai mật khẩu' }]);
      }
      session.set(userId);
      return user;
    },
  };
}
