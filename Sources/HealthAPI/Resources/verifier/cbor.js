// A small CBOR (RFC 8949) reader with the server decoder's limits and failure codes. Items are plain objects:
// {t: 'uint'|'nint', n: BigInt} (a nint stands for -1 - n), {t: 'bytes', v: Uint8Array}, {t: 'text', v},
// {t: 'array', v: [items]}, {t: 'map', v: [[key, value]]}, {t: 'tag', tag: BigInt, v: item},
// {t: 'float', v}, {t: 'bool', v}, {t: 'null'}, {t: 'undefined'}, {t: 'simple', v}.
import { concat } from './bytes.js';
import { fail } from './failure.js';

const MAX_DEPTH = 16;
const MAX_ITEMS = 4096;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/// Decodes exactly one item that fills all of `bytes`.
export function decodeCBOR(bytes) {
  const reader = new Reader(bytes);
  const item = reader.item(0);
  if (reader.pos !== bytes.length) {
    fail('cbor-trailing-bytes', `${bytes.length - reader.pos} bytes after the CBOR item`);
  }
  return item;
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
    this.items = 0;
  }

  get remaining() {
    return this.bytes.length - this.pos;
  }

  byte() {
    if (this.pos >= this.bytes.length) fail('cbor-truncated', 'CBOR ends inside an item');
    return this.bytes[this.pos++];
  }

  uint(count) {
    if (this.remaining < count) fail('cbor-truncated', 'CBOR ends inside an argument');
    let value = 0n;
    for (let i = 0; i < count; i++) value = (value << 8n) | BigInt(this.bytes[this.pos++]);
    return value;
  }

  /// The argument of an initial byte, or null for the indefinite marker.
  argument(info) {
    if (info < 24) return BigInt(info);
    if (info === 24) return this.uint(1);
    if (info === 25) return this.uint(2);
    if (info === 26) return this.uint(4);
    if (info === 27) return this.uint(8);
    if (info === 31) return null;
    return fail('cbor-invalid-encoding', `reserved additional information ${info}`);
  }

  length(declared, minimumBytesEach) {
    if (declared > BigInt(Math.floor(this.remaining / minimumBytesEach))) {
      fail('cbor-length-overflow', `declared length ${declared} exceeds the ${this.remaining} bytes left`);
    }
    return Number(declared);
  }

  item(depth) {
    if (++this.items > MAX_ITEMS) fail('cbor-too-many-items', `more than ${MAX_ITEMS} CBOR items`);
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
      case 1: {
        const n = this.argument(info);
        if (n === null) indefinite(major);
        return { t: major === 0 ? 'uint' : 'nint', n };
      }
      case 2:
        return { t: 'bytes', v: this.stringBytes(major, info) };
      case 3:
        return { t: 'text', v: this.text(info) };
      case 4:
        return { t: 'array', v: this.array(info, depth + 1) };
      case 5:
        return { t: 'map', v: this.map(info, depth + 1) };
      case 6: {
        const tag = this.argument(info);
        if (tag === null) indefinite(major);
        if (depth + 1 > MAX_DEPTH) tooDeep();
        return { t: 'tag', tag, v: this.item(depth + 1) };
      }
      default:
        return this.simple(info);
    }
  }

  stringBytes(major, info) {
    const declared = this.argument(info);
    if (declared !== null) {
      const length = this.length(declared, 1);
      this.pos += length;
      return this.bytes.slice(this.pos - length, this.pos);
    }
    const chunks = [];
    for (;;) {
      const initial = this.byte();
      if (initial === 0xff) break;
      if (initial >> 5 !== major) fail('cbor-invalid-encoding', 'indefinite string chunk of another major type');
      const chunk = this.argument(initial & 0x1f);
      if (chunk === null) fail('cbor-invalid-encoding', 'nested indefinite string chunk');
      const length = this.length(chunk, 1);
      chunks.push(this.bytes.slice(this.pos, this.pos + length));
      this.pos += length;
    }
    return concat(chunks);
  }

  text(info) {
    const bytes = this.stringBytes(3, info);
    try {
      return utf8.decode(bytes);
    } catch {
      return fail('cbor-invalid-utf8', 'text string is not valid UTF-8');
    }
  }

  /// The elements of an array or map, of definite or indefinite length; each takes at least `minimumBytes`.
  container(info, depth, minimumBytes, readOne) {
    if (depth > MAX_DEPTH) tooDeep();
    const elements = [];
    const declared = this.argument(info);
    if (declared !== null) {
      const count = this.length(declared, minimumBytes);
      for (let i = 0; i < count; i++) elements.push(readOne());
    } else {
      while (!this.atBreak()) elements.push(readOne());
    }
    return elements;
  }

  array(info, depth) {
    return this.container(info, depth, 1, () => this.item(depth));
  }

  map(info, depth) {
    return this.container(info, depth, 2, () => {
      const key = this.item(depth);
      return [key, this.item(depth)];
    });
  }

  atBreak() {
    if (this.pos >= this.bytes.length) fail('cbor-truncated', 'CBOR ends before a break');
    if (this.bytes[this.pos] !== 0xff) return false;
    this.pos++;
    return true;
  }

  simple(info) {
    if (info === 20) return { t: 'bool', v: false };
    if (info === 21) return { t: 'bool', v: true };
    if (info === 22) return { t: 'null' };
    if (info === 23) return { t: 'undefined' };
    if (info < 20) return { t: 'simple', v: info };
    if (info === 24) {
      const value = this.byte();
      if (value < 32) fail('cbor-invalid-encoding', `simple value ${value} in two bytes`);
      return { t: 'simple', v: value };
    }
    const view = (count) => new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos - count, count);
    if (info === 25) {
      this.uint(2);
      return { t: 'float', v: half(view(2).getUint16(0)) };
    }
    if (info === 26) {
      this.uint(4);
      return { t: 'float', v: view(4).getFloat32(0) };
    }
    if (info === 27) {
      this.uint(8);
      return { t: 'float', v: view(8).getFloat64(0) };
    }
    if (info === 31) fail('cbor-invalid-encoding', 'break outside an indefinite-length item');
    return fail('cbor-invalid-encoding', `reserved additional information ${info}`);
  }
}

const indefinite = (major) => fail('cbor-invalid-encoding', `major type ${major} cannot have indefinite length`);
const tooDeep = () => fail('cbor-too-deep', `CBOR nesting deeper than ${MAX_DEPTH}`);

/// IEEE 754 half precision (RFC 8949 Appendix D).
function half(bits) {
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  let magnitude;
  if (exponent === 0) magnitude = mantissa * 2 ** -24;
  else if (exponent === 31) magnitude = mantissa === 0 ? Infinity : NaN;
  else magnitude = (mantissa + 1024) * 2 ** (exponent - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

/// Whether two items are equal as the server's CBOR values compare.
export function sameItem(a, b) {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'uint':
    case 'nint':
      return a.n === b.n;
    case 'bytes':
      return a.v.length === b.v.length && a.v.every((x, i) => x === b.v[i]);
    case 'array':
      return a.v.length === b.v.length && a.v.every((x, i) => sameItem(x, b.v[i]));
    case 'map':
      return a.v.length === b.v.length && a.v.every(([k, v], i) => sameItem(k, b.v[i][0]) && sameItem(v, b.v[i][1]));
    case 'tag':
      return a.tag === b.tag && sameItem(a.v, b.v);
    case 'null':
    case 'undefined':
      return true;
    default:
      return a.v === b.v;
  }
}

/// The integer value of an item when it fits in 64 signed bits, else null.
export function integerOf(item) {
  const max = 2n ** 63n - 1n;
  if (item.t === 'uint') return item.n <= max ? item.n : null;
  if (item.t === 'nint') return item.n <= max ? -1n - item.n : null;
  return null;
}

/// The content under any number of tags.
export function untagged(item) {
  while (item.t === 'tag') item = item.v;
  return item;
}
