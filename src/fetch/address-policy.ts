/**
 * Which network addresses the fetcher may connect to. Only globally routable
 * unicast addresses pass by default: private, loopback, link-local, CGNAT,
 * multicast, unique-local and every IPv6 range that embeds or tunnels an IPv4
 * address (mapped, NAT64, 6to4, Teredo) are refused, because each of them can
 * reach an internal service.
 */
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { ok: true } | { ok: false; range: string };

/** Classifies one literal address; anything ipaddr.js does not call `unicast` is refused. */
export function checkAddress(address: string): AddressVerdict {
  if (!ipaddr.isValid(address)) return { ok: false, range: 'invalid' };
  let parsed = ipaddr.parse(address);
  // An IPv4-mapped IPv6 address reaches the IPv4 host: judge that one.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast' ? { ok: true } : { ok: false, range };
}

/** Strips the brackets of an IPv6 literal in a URL host (`[::1]` → `::1`). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(bareHost(hostname));
}

/**
 * Allow-list entries are `host` or `host:port` (IPv6 as `[::1]:8080`). A
 * matching URL skips the address check — for a known internal service or a
 * test server — without opening every private address.
 */
export function isAllowListed(url: URL, allowHosts: readonly string[] | undefined): boolean {
  if (allowHosts === undefined || allowHosts.length === 0) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return allowHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e === host || e === `${host}:${port}`;
  });
}
