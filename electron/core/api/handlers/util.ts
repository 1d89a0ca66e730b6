import { ApiError } from '../../../../shared/api/errors';
import type { Store, WriteContext } from '../../store';
import type { CallContext } from '../context';

/** The store's write context for an API call: the acting operator is recorded on every change. */
export const writeCtx = (ctx: CallContext): WriteContext => ({ userId: ctx.userId });

export function notFound(what: string, id: string): never {
  throw new ApiError('not_found', `Không tìm thấy ${what} "${id}" (not found)`);
}

/** District reporters may only touch units of their own districts (wards are checked through their district). */
export function assertUnitsInScope(store: Store, ctx: CallContext, unitCodes: Iterable<string>, field = 'unitCode') {
  if (ctx.role !== 'district_reporter') return;
  const allowed = new Set(ctx.districtCodes ?? []);
  for (const code of unitCodes) {
    const district = code.length === 5 ? store.get('adminUnit', code)?.parentCode : code;
    if (!district || !allowed.has(district)) {
      throw new ApiError('forbidden', `Đơn vị ${code} nằm ngoài phạm vi được giao (out of scope)`, [{ path: field, message: 'out of scope' }]);
    }
  }
}
