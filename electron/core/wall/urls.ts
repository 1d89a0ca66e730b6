/**
 * The ready-to-copy wall address for a new token. The token goes in the query (`?token=`):
 * the renderer's HTTP transport forwards it as a Bearer header on every operation.
 * The same address on each of this machine's other network interfaces is offered too: an
 * operator working on 127.0.0.1 needs an address a wall browser elsewhere can reach.
 */
export interface NetIf {
  address: string;
  family: string | number;
  internal: boolean;
}

export function wallUrls(baseUrl: string | undefined, token: string, interfaces: NetIf[]): { url: string | null; lanUrls: string[] } {
  if (!baseUrl) return { url: null, lanUrls: [] };
  const base = new URL(baseUrl);
  const path = `/wall?token=${encodeURIComponent(token)}`;
  const lanUrls = interfaces
    .filter((i) => !i.internal && (i.family === 'IPv4' || i.family === 4) && i.address !== base.hostname)
    .map((i) => `${base.protocol}//${i.address}${base.port ? `:${base.port}` : ''}${path}`);
  return { url: `${base.origin}${path}`, lanUrls: [...new Set(lanUrls)] };
}
