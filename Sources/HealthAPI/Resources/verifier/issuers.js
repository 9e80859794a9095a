// Trusted SMART Health Card issuers, as `GET /v1/health-card-issuers` serves them: each issuer's name, signing
// keys (JWK) and revocation lists by kid.
import { sha256, toBase64URL } from './bytes.js';

const text = (value, otherwise) => (typeof value === 'string' ? value : otherwise);

/// iss → {name, country, keys: Map kid → JWK, crls: Map kid → rids}, from `{"issuers": [...]}` (entries of one iss
/// merged, as the server merges them); throws when it is not what the server serves.
export function issuersFrom(json) {
  if (!Array.isArray(json?.issuers)) throw new Error('the health card issuers are not {"issuers": [...]}');
  const byIss = new Map();
  for (const entry of json.issuers) {
    if (typeof entry?.iss !== 'string' || !Array.isArray(entry.keys)) throw new Error('an issuer lacks iss or keys');
    const issuer = byIss.get(entry.iss) ?? {
      name: text(entry.name, entry.iss),
      country: text(entry.country, null),
      keys: new Map(),
      crls: new Map(),
    };
    for (const key of entry.keys) if (typeof key?.kid === 'string') issuer.keys.set(key.kid, key);
    for (const crl of Array.isArray(entry.crls) ? entry.crls : []) {
      // Lists of one key from several sources are joined: a card any of them revokes is revoked.
      if (Array.isArray(crl?.rids)) issuer.crls.set(crl.kid, [...(issuer.crls.get(crl.kid) ?? []), ...crl.rids]);
    }
    byIss.set(entry.iss, issuer);
  }
  return byIss;
}

/// The WebCrypto key of an ES256 P-256 JWK whose kid is its RFC 7638 thumbprint (the only keys the server takes);
/// null for any other.
async function importJWK({ kty, kid, use, alg, crv, x, y }) {
  const signing = kty === 'EC' && crv === 'P-256' && (alg ?? 'ES256') === 'ES256' && (use ?? 'sig') === 'sig';
  if (!signing || typeof x !== 'string' || typeof y !== 'string') return null;
  const thumbprint = toBase64URL(await sha256(new TextEncoder().encode(JSON.stringify({ crv, kty, x, y }))));
  if (thumbprint !== kid) return null;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}

const imported = new WeakMap();

/// The issuer's key named `kid`, or null when it has no usable one.
export function keyFor(issuer, kid) {
  const jwk = issuer.keys.get(kid);
  if (!jwk) return Promise.resolve(null);
  if (!imported.has(jwk)) imported.set(jwk, importJWK(jwk).catch(() => null));
  return imported.get(jwk);
}

/// Whether `signature` (64 bytes, r‖s) is the key's ES256 signature of `data`.
export async function verifyES256(key, data, signature) {
  if (signature.length !== 64) return false;
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data).catch(() => false);
}

/// Whether the issuer's CRL for `kid` lists the card's `rid`, bare or as `rid.T` with the card's nbf before T; null
/// when the issuer has no CRL for the kid or the card no rid.
export function isRevoked(issuer, kid, claims) {
  const rids = issuer.crls.get(kid);
  const rid = claims.vc.rid;
  if (!rids || typeof rid !== 'string') return null;
  return rids.map(String).some((entry) => {
    const dot = entry.lastIndexOf('.');
    if (dot < 0) return entry === rid;
    return entry.slice(0, dot) === rid && claims.nbf < Number(entry.slice(dot + 1));
  });
}
