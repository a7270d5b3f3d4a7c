import { isIPv6 } from "node:net";

/**
 * The key a client address is limited by: an IPv4 address as it is, an IPv6 address by its
 * /64 prefix, since one host commonly holds a whole /64 and could otherwise change its address
 * for every request. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) count as IPv4.
 */
export function clientAddressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const zoneless = address.split("%")[0] as string;
  const [head = "", tail] = zoneless.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (`::1.2.3.4`) fills the last two groups, beyond the /64 prefix.
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0")];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
