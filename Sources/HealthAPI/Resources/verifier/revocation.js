// The revocation step: whether a DCC revocation batch (gateway JSON) for the certificate's kid, or for an unknown
// kid, lists one of its hashes (the first 128 bits of SHA-256).
import { fromBase64, sha256, toBase64 } from './bytes.js';
import { ES256 } from './cose.js';

const HASH_TYPES = ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'];
const UNKNOWN_KID = 'UNKNOWN_KID';

/// The bytes a hash type covers, null when the certificate lacks them.
function hashInput(type, { message, claims, hcert, type: group }) {
  const entry = group && Array.isArray(hcert[group]) ? hcert[group][0] : null;
  const uvci = typeof entry?.ci === 'string' ? entry.ci : null;
  const encode = (text) => new TextEncoder().encode(text);
  if (type === 'UCI') return uvci === null ? null : encode(uvci);
  if (type === 'COUNTRYCODEUCI') return uvci === null || claims.issuer === null ? null : encode(claims.issuer + uvci);
  const signature = message.signature;
  return message.algorithm === ES256 ? signature.subarray(0, signature.length >> 1) : signature;
}

export async function isRevoked(subject, batches) {
  const kid = toBase64(subject.message.kid);
  for (const type of HASH_TYPES) {
    const forKid = (batch) => batch.kid === UNKNOWN_KID || toBase64(fromBase64(batch.kid)) === kid;
    const lists = batches.filter((batch) => batch.hashType === type && forKid(batch));
    const input = lists.length ? hashInput(type, subject) : null;
    if (input === null) continue;
    const hash = toBase64((await sha256(input)).subarray(0, 16));
    if (lists.some((b) => b.entries.some((e) => toBase64(fromBase64(e.hash)) === hash))) return true;
  }
  return false;
}
