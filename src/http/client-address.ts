import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config.js';

/**
 * The address an anonymous client is budgeted by. Without TRUST_PROXY it is
 * the socket's peer: X-Forwarded-For is written by the client and proves
 * nothing. With it, proxy-addr walks X-Forwarded-For from the right past the
 * trusted proxies, as Express does. An IPv6 client is counted by its /64,
 * which one subscriber usually holds whole.
 */
export function clientAddress(trust: TrustProxy): (req: IncomingMessage) => string {
  if (trust === false) return (req) => budgetAddress(req.socket.remoteAddress);
  const trusted = typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  return (req) => budgetAddress(proxyaddr(req, trusted));
}

function budgetAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  if (!address.includes(':')) return address;
  try {
    // ipaddr.process turns an IPv4-mapped IPv6 address (::ffff:1.2.3.4) back into IPv4.
    const parsed = ipaddr.process(address);
    if (parsed.kind() === 'ipv4') return parsed.toString();
    const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4);
    return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
  } catch {
    return address;
  }
}
