// zlib (RFC 1950, HC1) and raw DEFLATE (RFC 1951, SMART Health Cards) inflation through the browser's
// DecompressionStream, bounded like the server's, and strict: the stream must end exactly where the input does.
import { concat } from './bytes.js';
import { fail, Failure } from './failure.js';

/// The most bytes an HC1 COSE message or a card's JWS payload may inflate to, as on the server.
const MAXIMUM_OUTPUT = 64 * 1024;

/// Inflates `bytes`; the failure carries what came out before it.
async function run(bytes, format = 'deflate', code = 'invalid-zlib') {
  const stream = new DecompressionStream(format);
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (total > MAXIMUM_OUTPUT) {
        reader.cancel().catch(() => {});
        fail('zip-bomb', `inflates to more than ${MAXIMUM_OUTPUT} bytes`);
      }
    }
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw Object.assign(new Failure(code, String(error)), { partial: concat(chunks) });
  }
  return concat(chunks);
}

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return [b >> 8, b & 0xff, a >> 8, a & 0xff];
}

/// Inflates a complete zlib stream: bytes after its end are `trailing-data`, anything else unreadable `invalid-zlib`.
export async function inflate(bytes) {
  try {
    return await run(bytes);
  } catch (error) {
    if (error.code !== 'invalid-zlib' || !error.partial?.length) throw error;
    // A stream followed by junk: the output so far is complete, and its Adler-32 closes a shorter valid stream.
    const checksum = adler32(error.partial);
    for (let end = 6; end < bytes.length; end++) {
      if (checksum.every((byte, i) => bytes[end - 4 + i] === byte)) {
        const whole = await run(bytes.subarray(0, end)).catch(() => null);
        if (whole) fail('trailing-data', `${bytes.length - end} bytes after the zlib stream`);
      }
    }
    throw error;
  }
}

/// Inflates a card's raw DEFLATE payload: unreadable, truncated or followed by other bytes is `invalid-deflate`.
export const inflateRaw = (bytes) => run(bytes, 'deflate-raw', 'invalid-deflate');
