import { z } from 'zod';

/**
 * Errors cross every transport as data (not thrown objects): IPC loses the
 * fields of a thrown Error, and HTTP needs a stable body. One shape for both.
 */
export const apiErrorCode = z.enum([
  'invalid_input', // the input failed the contract's schema; `issues` names each field
  'not_found',
  'unauthorized', // no valid credentials (web mode: missing, unknown or revoked token)
  'forbidden', // authenticated, but the role does not allow it
  'conflict',
  'unknown_op',
  'unavailable', // e.g. the store is not open (first run) or is read-only
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCode>;

export const apiIssue = z.object({ path: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof apiIssue>;

export const apiErrorBody = z.object({
  code: apiErrorCode,
  message: z.string(),
  issues: z.array(apiIssue).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** Thrown by clients and by core handlers; carries the same body over both transports. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[] | undefined;
  constructor(code: ApiErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }
  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.issues);
  }
}

/** Turns zod issues into `path: message` pairs ("rows.3.newCommunity: không được âm"). */
export function issuesFromZod(error: z.ZodError, prefix = ''): ApiIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

/** The envelope every transport carries. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** HTTP status for an error code (web mode). */
export const httpStatusFor: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  unknown_op: 404,
  unavailable: 503,
  internal: 500,
};
