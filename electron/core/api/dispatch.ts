import { contract, isOpName, type OpName, type OpOutput, type OpParsedInput } from '../../../shared/api/contract';
import { ApiError, issuesFromZod, type ApiResult } from '../../../shared/api/errors';
import { roleAllows, type CallContext } from './context';

/** One handler per contract operation; TypeScript fails the build if one is missing. */
export type Handlers = {
  [K in OpName]: (input: OpParsedInput<K>, ctx: CallContext) => OpOutput<K> | Promise<OpOutput<K>>;
};

export interface DispatchOptions {
  /** Parse outputs against the contract too (on in tests and development: catches core drift). */
  validateOutput?: boolean;
  onInternalError?: (op: string, err: unknown) => void;
}

/**
 * The single entry point both shells use: IPC handlers and HTTP routes pass the raw,
 * untrusted input here. Input is validated at this boundary; nothing reaches the core
 * unparsed, and every failure becomes an `ApiResult` error naming the fields.
 */
export async function dispatch(
  handlers: Handlers,
  op: string,
  rawInput: unknown,
  ctx: CallContext,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  if (!isOpName(op)) return { ok: false, error: { code: 'unknown_op', message: `Không có thao tác "${op}" (unknown operation)` } };
  const def = contract[op];
  if (!roleAllows(ctx.role, def.minRole)) {
    return { ok: false, error: { code: 'forbidden', message: `Vai trò "${ctx.role}" không được phép: ${op}` } };
  }
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    const first = issues[0];
    return {
      ok: false,
      error: { code: 'invalid_input', message: `Dữ liệu không hợp lệ${first ? ` — ${first.path || '(gốc)'}: ${first.message}` : ''}`, issues },
    };
  }
  try {
    const handler = handlers[op] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    if (options.validateOutput) {
      const out = def.output.safeParse(value);
      if (!out.success) {
        throw new Error(`output of ${op} does not match the contract: ${JSON.stringify(issuesFromZod(out.error).slice(0, 3))}`);
      }
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    const asApi = toApiError(err);
    if (asApi) return { ok: false, error: asApi.toBody() };
    options.onInternalError?.(op, err);
    return { ok: false, error: { code: 'internal', message: `Lỗi nội bộ khi thực hiện ${op}: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** Errors from lower layers that carry their own meaning (validation, not found) keep it. */
function toApiError(err: unknown): ApiError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { name?: string; message?: string; issues?: unknown; field?: string; code?: string };
  if (e.name === 'ValidationError') {
    const issues = Array.isArray(e.issues) ? (e.issues as { path: string; message: string }[]) : e.field ? [{ path: e.field, message: e.message ?? '' }] : undefined;
    return new ApiError('invalid_input', e.message ?? 'Dữ liệu không hợp lệ', issues);
  }
  if (e.name === 'NotFoundError') return new ApiError('not_found', e.message ?? 'Không tìm thấy');
  return null;
}
