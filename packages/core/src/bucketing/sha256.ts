// SHA-256 (FIPS 180-4), synchronous and allocation-free on the hot path. Browsers only offer an
// async digest (crypto.subtle), and bucketing must be synchronous, so core carries its own.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const W = new Int32Array(64);
const H = new Int32Array(8);
let buffer = new Uint8Array(256);

function ensureCapacity(bytes: number): void {
  if (bytes > buffer.length) {
    let size = buffer.length;
    while (size < bytes) size *= 2;
    const next = new Uint8Array(size);
    next.set(buffer);
    buffer = next;
  }
}

/**
 * Writes the UTF-8 encoding of `text` into the shared buffer at `offset` and returns the end
 * offset. Lone surrogates become U+FFFD, as with TextEncoder and Node's Buffer.
 */
function writeUtf8(text: string, offset: number): number {
  // Worst case is 3 bytes per UTF-16 unit; grow once up front so the loop has no bounds checks.
  ensureCapacity(offset + text.length * 3 + 72);
  const out = buffer;
  let pos = offset;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[pos++] = code;
    } else if (code < 0x800) {
      out[pos++] = 0xc0 | (code >> 6);
      out[pos++] = 0x80 | (code & 0x3f);
    } else {
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[pos++] = 0xf0 | (code >> 18);
          out[pos++] = 0x80 | ((code >> 12) & 0x3f);
          out[pos++] = 0x80 | ((code >> 6) & 0x3f);
          out[pos++] = 0x80 | (code & 0x3f);
          continue;
        }
        code = 0xfffd;
      }
      out[pos++] = 0xe0 | (code >> 12);
      out[pos++] = 0x80 | ((code >> 6) & 0x3f);
      out[pos++] = 0x80 | (code & 0x3f);
    }
  }
  return pos;
}

/** Runs the compression function over the shared buffer's first `length` bytes, leaving the digest in H. */
function digestBuffer(length: number): void {
  const blocks = ((length + 8) >>> 6) + 1;
  const padded = blocks * 64;
  ensureCapacity(padded);
  const buf = buffer;
  buf[length] = 0x80;
  buf.fill(0, length + 1, padded - 8);
  // Bit length as a 64-bit big-endian integer; inputs here are far below 2^32 bytes.
  const bitsHigh = Math.floor(length / 0x20000000);
  const bitsLow = (length << 3) >>> 0;
  buf[padded - 8] = bitsHigh >>> 24;
  buf[padded - 7] = bitsHigh >>> 16;
  buf[padded - 6] = bitsHigh >>> 8;
  buf[padded - 5] = bitsHigh;
  buf[padded - 4] = bitsLow >>> 24;
  buf[padded - 3] = bitsLow >>> 16;
  buf[padded - 2] = bitsLow >>> 8;
  buf[padded - 1] = bitsLow;

  H.set(INITIAL);
  let h0 = H[0] as number;
  let h1 = H[1] as number;
  let h2 = H[2] as number;
  let h3 = H[3] as number;
  let h4 = H[4] as number;
  let h5 = H[5] as number;
  let h6 = H[6] as number;
  let h7 = H[7] as number;
  const w = W;
  const k = K;

  for (let block = 0; block < padded; block += 64) {
    for (let t = 0; t < 16; t++) {
      const p = block + t * 4;
      w[t] =
        ((buf[p] as number) << 24) |
        ((buf[p + 1] as number) << 16) |
        ((buf[p + 2] as number) << 8) |
        (buf[p + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (k[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
  H[5] = h5;
  H[6] = h6;
  H[7] = h7;
}

/**
 * The first 48 bits of SHA-256(UTF-8(text)) as an integer, i.e. `parseInt(hex.slice(0, 12), 16)`,
 * computed without building the hex string.
 */
export function sha256Prefix48(text: string): number {
  digestBuffer(writeUtf8(text, 0));
  return ((H[0] as number) >>> 0) * 0x10000 + ((H[1] as number) >>> 16);
}

/**
 * The first 48 bits of SHA-256(UTF-8(first + second)), without concatenating the strings.
 * Equivalent to `sha256Prefix48(first + second)`.
 */
export function sha256Prefix48Of2(first: string, second: string): number {
  // A high surrogate at the end of `first` and a low one at the start of `second` form one code
  // point only when joined; encoding them apart would give two U+FFFD instead.
  const last = first.length > 0 ? first.charCodeAt(first.length - 1) : 0;
  if (last >= 0xd800 && last <= 0xdbff) return sha256Prefix48(first + second);
  digestBuffer(writeUtf8(second, writeUtf8(first, 0)));
  return ((H[0] as number) >>> 0) * 0x10000 + ((H[1] as number) >>> 16);
}

/** SHA-256 of the UTF-8 encoding of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  digestBuffer(writeUtf8(text, 0));
  let hex = "";
  for (let i = 0; i < 8; i++) hex += ((H[i] as number) >>> 0).toString(16).padStart(8, "0");
  return hex;
}
