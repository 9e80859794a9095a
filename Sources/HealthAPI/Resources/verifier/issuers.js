// Trusted SMART Health Card issuers, as `GET /v1/health-card-issuers` serves them: each issuer's name, signing
// keys (JWK) and revocation lists by kid.

const text = (value, otherwise) => (typeof value === 'string' ? value : otherwise);

/// iss → {name, country, keys: Map kid → JWK, crls: Map kid → rids}, from `{"issuers": [...]}`; throws when it is
/// not what the server serves.
export function issuersFrom(json) {
  if (!Array.isArray(json?.issuers)) throw new Error('the health card issuers are not {"issuers": [...]}');
  const byIss = new Map();
  for (const entry of json.issuers) {
    if (typeof entry?.iss !== 'string' || !Array.isArray(entry.keys)) throw new Error('an issuer lacks iss or keys');
    const crls = (Array.isArray(entry.crls) ? entry.crls : []).filter((crl) => Array.isArray(crl?.rids));
    byIss.set(entry.iss, {
      name: text(entry.name, entry.iss),
      country: text(entry.country, ''),
      keys: new Map(entry.keys.filter((key) => typeof key?.kid === 'string').map((key) => [key.kid, key])),
      crls: new Map(crls.map((crl) => [crl.kid, crl.rids])),
    });
  }
  return byIss;
}

const imported = new WeakMap();

/// Whether `signature` (64 bytes, r‖s) is the JWK's ES256 signature of `data`.
export async function verifyES256(jwk, data, signature) {
  if (signature.length !== 64) return false;
  if (!imported.has(jwk)) {
    const { kty, crv, x, y } = jwk;
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
    imported.set(jwk, crypto.subtle.importKey('jwk', { kty, crv, x, y }, algorithm, false, ['verify']));
  }
  try {
    return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await imported.get(jwk), signature, data);
  } catch {
    return false;
  }
}

/// Whether the issuer's CRL for `kid` lists the card's `rid`, bare or as `rid.T` with the card's nbf before T; null
/// when the issuer has no CRL for the kid or the card no rid.
export function isRevoked(issuer, kid, claims) {
  const rids = issuer.crls.get(kid);
  const rid = claims.vc.rid;
  if (!rids || typeof rid !== 'string') return null;
  return rids.some((entry) => {
    const [listed, until] = String(entry).split('.');
    return listed === rid && (until === undefined || claims.nbf < Number(until));
  });
}
