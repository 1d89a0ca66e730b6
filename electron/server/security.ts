/**
 * Web-mode request guards, kept pure so they are unit-tested without a server.
 */

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.replace(/^::ffff:/, '');
  return a === '::1' || a.startsWith('127.');
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/**
 * DNS-rebinding guard: when bound to loopback, a page on another origin could resolve
 * its own name to 127.0.0.1 and call the API with full rights. Accept only Host headers
 * that name the loopback interface (or the configured public host).
 */
export function isAllowedHostHeader(hostHeader: string | undefined, boundHost: string): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
  if (isLoopbackHost(name)) return true;
  if (!isLoopbackHost(boundHost) && (boundHost === '0.0.0.0' || boundHost === '::' || name === boundHost)) return true;
  return false;
}
