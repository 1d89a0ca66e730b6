/**
 * The Content-Security-Policy for every page of the app, in Electron (app:// protocol
 * header) and in web mode (HTTP header): only our own scripts, styles, fonts, workers.
 * `extraImg` lets the optional online basemap's tile host through when configured.
 */
export function contentSecurityPolicy(opts: { extraConnect?: string[]; extraImg?: string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // maplibre and React set inline style attributes
    "font-src 'self' data:",
    `img-src 'self' data: blob: ${(opts.extraImg ?? []).join(' ')}`.trim(),
    `connect-src 'self' ${(opts.extraConnect ?? []).join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
