import { ApiError } from '../../../shared/api/errors';
import { formatNumber } from '../../../shared/format';

/** "20 MB" / "1,5 MB" (Vietnamese decimals). */
export function fileSizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${formatNumber(mb, 'vi', mb >= 10 ? 0 : 1)} MB` : `${formatNumber(Math.ceil(bytes / 1024), 'vi')} KB`;
}

export function sizeLimitError(bytes: number, maxBytes: number): ApiError {
  const msg = `Tệp ${fileSizeText(bytes)} vượt giới hạn ${fileSizeText(maxBytes)}: hãy chia nhỏ tệp (file too large: the limit is ${fileSizeText(maxBytes)})`;
  return new ApiError('invalid_input', msg, [{ path: 'contentBase64', message: msg }]);
}
