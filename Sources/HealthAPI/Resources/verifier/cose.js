// COSE_Sign1 (RFC 9052) and the CWT claims of an HCERT (RFC 8392, hcert spec 3.3), read as the server reads them.
import { concat } from './bytes.js';
import { decodeCBOR, integerOf, sameItem, untagged } from './cbor.js';
import { fail } from './failure.js';

export const ES256 = -7n;
export const PS256 = -37n;
const SIGN1_TAG = 18n;
const CWT_TAG = 61n;
const ALG = { t: 'uint', n: 1n };
const KID = { t: 'uint', n: 4n };

/// The message inside its tags, which may be none, 18, or 61 around 18.
function sign1Content(message) {
  if (message.t !== 'tag') return message;
  if (message.tag === SIGN1_TAG && message.v.t !== 'tag') return message.v;
  if (message.tag === CWT_TAG && message.v.t === 'tag' && message.v.tag === SIGN1_TAG && message.v.v.t !== 'tag') {
    return message.v.v;
  }
  return fail('cose-wrong-tag', 'CBOR tags are not COSE_Sign1');
}

const lookup = (header, label) => header.find(([key]) => sameItem(key, label))?.[1];

function checkUniqueLabels(header, name) {
  header.forEach(([key], index) => {
    if (header.slice(0, index).some(([earlier]) => sameItem(earlier, key))) {
      fail('cose-duplicate-header', `a label twice in the ${name} header`);
    }
  });
}

/// {protectedBytes, payload, signature, algorithm, kid}; kid is null when neither header has one.
export function decodeSign1(bytes) {
  const message = sign1Content(decodeCBOR(bytes));
  if (message.t !== 'array') fail('cose-malformed', 'COSE_Sign1 is not an array');
  const parts = message.v;
  if (parts.length !== 4) fail('cose-wrong-array-size', `COSE_Sign1 has ${parts.length} elements, not 4`);
  if (parts[0].t !== 'bytes') fail('cose-malformed', 'protected header is not a byte string');
  let protectedHeader = [];
  if (parts[0].v.length > 0) {
    const decoded = decodeCBOR(parts[0].v);
    if (decoded.t !== 'map') fail('cose-malformed', 'protected header is not a map');
    protectedHeader = decoded.v;
  }
  if (parts[1].t !== 'map') fail('cose-malformed', 'unprotected header is not a map');
  if (parts[2].t !== 'bytes' || parts[3].t !== 'bytes') {
    fail('cose-malformed', 'payload or signature is not a byte string');
  }
  const unprotectedHeader = parts[1].v;
  checkUniqueLabels(protectedHeader, 'protected');
  checkUniqueLabels(unprotectedHeader, 'unprotected');
  // alg counts only in the protected header: one left unprotected could be changed without breaking the signature.
  const alg = lookup(protectedHeader, ALG);
  if (alg === undefined) fail('cose-missing-alg', 'no alg in the protected header');
  const algorithm = integerOf(alg);
  if (algorithm !== ES256 && algorithm !== PS256) fail('cose-unknown-alg', 'alg is not ES256 or PS256');
  const kidItem = lookup(protectedHeader, KID) ?? lookup(unprotectedHeader, KID);
  if (kidItem !== undefined && kidItem.t !== 'bytes') fail('cose-malformed', 'kid is not a byte string');
  return {
    protectedBytes: parts[0].v,
    payload: parts[2].v,
    signature: parts[3].v,
    algorithm,
    kid: kidItem?.v ?? null,
  };
}

/// The bytes the signature covers: ["Signature1", protected, h'', payload] (RFC 9052 section 4.4).
export function signatureInput(message) {
  const head = (major, length) => {
    const m = major << 5;
    if (length < 24) return [m | length];
    if (length < 0x100) return [m | 24, length];
    if (length < 0x10000) return [m | 25, length >> 8, length & 0xff];
    return [m | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
  };
  const prefix = [0x84, 0x6a, ...new TextEncoder().encode('Signature1')];
  return concat([
    prefix,
    head(2, message.protectedBytes.length),
    message.protectedBytes,
    [0x40],
    head(2, message.payload.length),
    message.payload,
  ]);
}

/// Seconds of the four-digit years, the range of times the server accepts.
const EARLIEST = -62167219200;
const LATEST = 253402300799;

function numericDate(item) {
  if (item === undefined) return null;
  const value = untagged(item);
  let seconds = null;
  if (value.t === 'uint') seconds = Number(value.n);
  else if (value.t === 'nint') seconds = -1 - Number(value.n);
  else if (value.t === 'float' && Number.isFinite(value.v)) seconds = value.v;
  return seconds !== null && seconds >= EARLIEST && seconds <= LATEST ? seconds : null;
}

/// {issuer, issuedAt, expiresAt, hcert}: times in seconds since 1970 or null; hcert is the CBOR map under -260/1.
export function decodeClaims(payload) {
  const claims = decodeCBOR(payload);
  if (claims.t !== 'map') fail('cwt-malformed', 'CWT payload is not a map');
  claims.v.forEach(([key], index) => {
    if (claims.v.slice(0, index).some(([earlier]) => sameItem(earlier, key))) {
      fail('cwt-malformed', 'a claim appears twice');
    }
  });
  const found = {};
  for (const [key, value] of claims.v) {
    const number = integerOf(key);
    if (number !== null) found[number] = value;
  }
  const hcertClaim = found['-260'];
  const entry = hcertClaim?.t === 'map' ? hcertClaim.v.find(([key]) => sameItem(key, { t: 'uint', n: 1n })) : null;
  const hcert = entry ? untagged(entry[1]) : null;
  if (!hcert) fail('cwt-missing-hcert', 'no claim -260 with key 1');
  if (hcert.t !== 'map') fail('cwt-missing-hcert', 'the hcert is not a map');
  return {
    issuer: found['1']?.t === 'text' ? found['1'].v : null,
    issuedAt: numericDate(found['6']),
    expiresAt: numericDate(found['4']),
    hcert,
  };
}

/// The JSON form of a CBOR item, as the server's: tags dropped (a tag 1 time becomes ISO 8601 text), byte strings
/// as hex, other map keys as text, the first of repeated keys kept.
export function toJSON(item) {
  switch (item.t) {
    case 'uint':
      return Number(item.n);
    case 'nint':
      return -1 - Number(item.n);
    case 'bytes':
      return [...item.v].map((b) => b.toString(16).padStart(2, '0')).join('');
    case 'text':
      return item.v;
    case 'array':
      return item.v.map(toJSON);
    case 'map': {
      const object = Object.create(null);
      for (const [key, value] of item.v) {
        const name = memberName(key);
        if (!(name in object)) object[name] = toJSON(value);
      }
      return object;
    }
    case 'tag': {
      const content = untagged(item.v);
      if (item.tag === 1n && numericDate(content) !== null) return isoSeconds(numericDate(content));
      return toJSON(item.v);
    }
    case 'bool':
    case 'float':
      return item.v;
    default:
      return null;
  }
}

function memberName(key) {
  const value = untagged(key);
  if (value.t === 'text') return value.v;
  const number = integerOf(value);
  return number !== null ? String(number) : JSON.stringify(toJSON(value));
}

/// YYYY-MM-DDTHH:MM:SSZ, rounded down to the second.
export const isoSeconds = (seconds) => new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');
