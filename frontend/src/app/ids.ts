/**
 * `bytes` random bytes in hex (32 digits by default). crypto.randomUUID exists only in secure contexts, and the UI may
 * be served over plain HTTP on a listener (`ui:`); getRandomValues works everywhere.
 */
export function randomHex(bytes = 16): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
