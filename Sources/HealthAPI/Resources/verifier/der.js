// Reads what a verifier needs from a document signer certificate (X.509, DER): the public key, the validity
// period, the subject's country and the extended key usage OIDs.

/// One TLV at `offset`: {tag, offset, start (of the content), end}.
function element(bytes, offset) {
  if (offset + 2 > bytes.length) throw new Error('DER ends inside a header');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  if (start + length > bytes.length) throw new Error('DER element overruns its parent');
  return { tag, offset, start, end: start + length };
}

/// The elements directly inside a constructed element.
function children(bytes, parent) {
  const list = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = element(bytes.subarray(0, parent.end), offset);
    list.push(child);
    offset = child.end;
  }
  return list;
}

function oid(bytes, node) {
  const parts = [];
  let value = 0;
  for (let i = node.start; i < node.end; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      if (parts.length === 0) {
        const first = Math.min(2, Math.floor(value / 40));
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

/// UTCTime (0x17) or GeneralizedTime (0x18) as milliseconds since 1970.
function time(bytes, node) {
  const text = new TextDecoder().decode(bytes.subarray(node.start, node.end));
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
  if (!match) throw new Error(`unreadable time ${text}`);
  let year = Number(match[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = match.slice(2).map((part) => Number(part ?? 0));
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

const text = (bytes, node) => new TextDecoder().decode(bytes.subarray(node.start, node.end));

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const P256 = '1.2.840.10045.3.1.7';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EXTENDED_KEY_USAGE = '2.5.29.37';
const COUNTRY = '2.5.4.6';

/// {kind: 'p256'|'rsa'|'other', spki (bytes), n, e (RSA, big-endian bytes), bits, description}
function publicKey(bytes, spki) {
  const [algorithm, bitString] = children(bytes, spki);
  const [algorithmOID, parameter] = children(bytes, algorithm);
  const name = oid(bytes, algorithmOID);
  const spkiBytes = bytes.slice(spki.offset, spki.end);
  if (name === EC_PUBLIC_KEY) {
    const curve = parameter?.tag === 0x06 ? oid(bytes, parameter) : 'explicit parameters';
    return curve === P256 ? { kind: 'p256', spki: spkiBytes } : { kind: 'other', description: `EC ${curve}` };
  }
  if (name === RSA_ENCRYPTION || name === RSA_PSS) {
    const inner = element(bytes, bitString.start + 1);
    const [modulus, exponent] = children(bytes, inner);
    let n = bytes.slice(modulus.start, modulus.end);
    while (n.length > 1 && n[0] === 0) n = n.slice(1);
    const bits = (n.length - 1) * 8 + (32 - Math.clz32(n[0]));
    return { kind: 'rsa', n, e: bytes.slice(exponent.start, exponent.end), bits };
  }
  return { kind: 'other', description: name };
}

/// Parses a DSC; throws on what is not an X.509 certificate.
export function readCertificate(der) {
  const certificate = element(der, 0);
  const [tbs] = children(der, certificate);
  const fields = children(der, tbs);
  let index = fields[0].tag === 0xa0 ? 1 : 0;
  index += 2; // serial number, signature algorithm
  const validity = children(der, fields[index + 1]);
  const subject = fields[index + 2];
  const spki = fields[index + 3];
  let country = null;
  for (const rdn of children(der, subject)) {
    for (const attribute of children(der, rdn)) {
      const [type, value] = children(der, attribute);
      if (oid(der, type) === COUNTRY && country === null) country = text(der, value);
    }
  }
  const extendedKeyUsage = [];
  const extensions = fields.find((f) => f.tag === 0xa3);
  if (extensions) {
    for (const extension of children(der, children(der, extensions)[0])) {
      const parts = children(der, extension);
      if (oid(der, parts[0]) !== EXTENDED_KEY_USAGE) continue;
      const value = element(der, parts[parts.length - 1].start);
      for (const usage of children(der, value)) extendedKeyUsage.push(oid(der, usage));
    }
  }
  return {
    notBefore: time(der, validity[0]),
    notAfter: time(der, validity[1]),
    country,
    extendedKeyUsage,
    publicKey: publicKey(der, spki),
  };
}
