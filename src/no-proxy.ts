/**
 * The proxy rules undici's `EnvHttpProxyAgent` leaves out (issue 19, class 9): `NO_PROXY`
 * entries in CIDR form (`10.0.0.0/8`, `fd00::/8`), which curl (7.86 and later) honours for hosts
 * given as IP addresses; undici compares `NO_PROXY` entries with host names only. And which
 * proxy variable a request went through, so a refusal by the proxy can name it.
 */
import { BlockList, isIP } from 'node:net';

/** The CIDR entries of a `NO_PROXY` value as a block list, or undefined when it has none. */
export function noProxyCidrs(value: string | undefined): BlockList | undefined {
  const list = new BlockList();
  let any = false;
  for (const entry of (value ?? '').split(/[,\s]+/)) {
    const m = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(entry.trim());
    if (!m) continue;
    const family = isIP(m[1]!);
    const prefix = Number(m[2]);
    if (!family || prefix > (family === 4 ? 32 : 128)) continue;
    list.addSubnet(m[1]!, prefix, family === 4 ? 'ipv4' : 'ipv6');
    any = true;
  }
  return any ? list : undefined;
}

/** Whether `origin`'s host is an IP address inside one of the CIDR entries. */
export function bypassesProxy(origin: string, cidrs: BlockList): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  const family = isIP(host);
  return family !== 0 && cidrs.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** The `NO_PROXY` value of the environment (lower case first, as undici reads it). */
export function noProxyValue(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.no_proxy ?? env.NO_PROXY;
}

/** The proxy variable a request to `url` goes through (`HTTPS_PROXY`, `http_proxy`, …), as undici picks it. */
export function proxyVariableFor(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const http = env.http_proxy ? 'http_proxy' : env.HTTP_PROXY ? 'HTTP_PROXY' : undefined;
  if (!url.toLowerCase().startsWith('https:')) return http;
  return env.https_proxy ? 'https_proxy' : env.HTTPS_PROXY ? 'HTTPS_PROXY' : http;
}
