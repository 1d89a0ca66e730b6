import { op } from '../op';

/** Operations of this feature area (see shared/api/contract.ts, which merges every group). */
export const wallOps = {} as const satisfies Record<string, ReturnType<typeof op>>;
