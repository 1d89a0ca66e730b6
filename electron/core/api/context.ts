import type { UserRole } from '../../../shared/domain';

/** Who is calling: recorded on every change and checked against each operation's minimum role. */
export interface CallContext {
  userId: string | null;
  /** Display name of the operator (task updates carry it as author). */
  userName: string;
  role: UserRole;
  transport: 'ipc' | 'http';
  /** District reporters are limited to these districts. */
  districtCodes?: string[];
}

const rank: Record<UserRole, number> = { viewer: 0, district_reporter: 1, operator: 1, admin: 2 };
const needed: Record<'viewer' | 'operator' | 'admin', number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAllows(role: UserRole, minRole: 'viewer' | 'operator' | 'admin'): boolean {
  return rank[role] >= needed[minRole];
}
