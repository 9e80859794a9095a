// Base45 (RFC 9285) decoding, with the failure codes of the server's decoder.
import { fail } from './failure.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUES = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

const value = (text, index) => {
  const v = VALUES.get(text[index]);
  if (v === undefined) fail('base45-invalid-character', `character at ${index}`);
  return v;
};

// Works on the UTF-8 bytes, as the server does, so a non-ASCII character fails the same way there and here.
export function decodeBase45(string) {
  const text = new TextEncoder().encode(string);
  if (text.length % 3 === 1) fail('base45-invalid-length', `length ${text.length} leaves one character over`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 3 <= text.length; i += 3) {
    const n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 2025;
    if (n > 0xffff) fail('base45-value-overflow', `group at ${i} decodes to ${n}`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i + 2 === text.length) {
    const n = value(text, i) + value(text, i + 1) * 45;
    if (n > 0xff) fail('base45-value-overflow', `final pair decodes to ${n}`);
    out[o++] = n;
  }
  return out;
}
