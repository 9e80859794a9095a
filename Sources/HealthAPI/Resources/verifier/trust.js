// The trust list (DCC gateway JSON, as `GET /v1/trust-list` serves it) as signers indexed by kid, with each
// DSC's key, validity and key usage read from its DER.
import { fromBase64, toBase64, toBase64URL } from './bytes.js';
import { readCertificate } from './der.js';

/// The extended key usage OIDs that allow each certificate type (hcert spec 5.1.1), with the variants in use.
const KEY_USAGE = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};

/// A signer: {kid, country, notBefore, notAfter, publicKey, allowedTypes (null: all), cryptoKey()}.
function signer(entry) {
  const certificate = readCertificate(fromBase64(entry.rawData));
  const usages = certificate.extendedKeyUsage;
  const allowed = Object.keys(KEY_USAGE).filter((type) => KEY_USAGE[type].some((oid) => usages.includes(oid)));
  let imported = null;
  return {
    kid: toBase64(fromBase64(entry.kid)),
    country: entry.country,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    publicKey: certificate.publicKey,
    allowedTypes: allowed.length ? allowed : null,
    cryptoKey() {
      imported ??= importKey(certificate.publicKey);
      return imported;
    },
  };
}

function importKey(key) {
  if (key.kind === 'p256') {
    return crypto.subtle.importKey('spki', key.spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  }
  const jwk = { kty: 'RSA', n: toBase64URL(key.n), e: toBase64URL(key.e), ext: true };
  return crypto.subtle.importKey('jwk', jwk, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
}

/// Reads the gateway JSON array; entries of other certificate types are skipped, as the server skips them.
export function trustListFrom(entries) {
  if (!Array.isArray(entries)) throw new Error('the trust list is not a JSON array');
  const byKid = new Map();
  for (const entry of entries.filter((e) => e.certificateType === 'DSC')) {
    const s = signer(entry);
    byKid.set(s.kid, [...(byKid.get(s.kid) ?? []), s]);
  }
  return { signers: (kid) => byKid.get(kid) ?? [], size: [...byKid.values()].flat().length };
}
