// COSE signature checks with WebCrypto: ES256 (ECDSA P-256, SHA-256, raw r||s) and PS256 (RSASSA-PSS, SHA-256,
// MGF1-SHA-256), with the server's failure codes.
import { sha256 } from './bytes.js';
import { ES256, PS256 } from './cose.js';

/// The smallest RSA modulus PS256 signers may use.
const MINIMUM_RSA_BITS = 2048;
/// The PSS salt length DCC signers use; others are found from the signature, as the server accepts them too.
const USUAL_SALT = 32;

/// null when the signature verifies, else the failure code.
export async function verifySignature(message, input, signer) {
  const key = signer.publicKey;
  if (message.algorithm === ES256 && key.kind === 'p256') {
    if (message.signature.length !== 64) return 'signature-invalid';
    const cryptoKey = await signer.cryptoKey().catch(() => null);
    if (!cryptoKey) return 'signature-invalid';
    const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, cryptoKey, message.signature, input);
    return ok ? null : 'signature-invalid';
  }
  if (message.algorithm === PS256 && key.kind === 'rsa') {
    if (key.bits < MINIMUM_RSA_BITS) return 'weak-key';
    const cryptoKey = await signer.cryptoKey().catch(() => null);
    if (!cryptoKey) return 'signature-invalid';
    const pss = (saltLength) =>
      crypto.subtle.verify({ name: 'RSA-PSS', saltLength }, cryptoKey, message.signature, input);
    if (await pss(USUAL_SALT)) return null;
    const salt = await pssSaltLength(message.signature, key);
    return salt !== null && salt !== USUAL_SALT && (await pss(salt)) ? null : 'signature-invalid';
  }
  return 'key-algorithm-mismatch';
}

const bigint = (bytes) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);

function modPow(base, exponent, modulus) {
  let result = 1n;
  base %= modulus;
  for (; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}

/// The salt length an RSASSA-PSS signature was made with (RFC 8017 9.1.2, read backwards), or null when the
/// encoded message is malformed; WebCrypto then checks the signature with it.
async function pssSaltLength(signature, key) {
  const modulus = bigint(key.n);
  const s = bigint(signature);
  if (signature.length !== key.n.length || s >= modulus) return null;
  const emBits = key.bits - 1;
  const emLength = Math.ceil(emBits / 8);
  let m = modPow(s, bigint(key.e), modulus);
  const em = new Uint8Array(emLength);
  for (let i = emLength - 1; i >= 0; i--, m >>= 8n) em[i] = Number(m & 0xffn);
  if (em[emLength - 1] !== 0xbc) return null;
  const dbLength = emLength - 33;
  const hash = em.subarray(dbLength, emLength - 1);
  const mask = new Uint8Array(dbLength);
  for (let counter = 0, offset = 0; offset < dbLength; counter++, offset += 32) {
    const counterBytes = [counter >>> 24, (counter >> 16) & 0xff, (counter >> 8) & 0xff, counter & 0xff];
    const block = await sha256(new Uint8Array([...hash, ...counterBytes]));
    mask.set(block.subarray(0, Math.min(32, dbLength - offset)), offset);
  }
  const db = em.subarray(0, dbLength).map((b, i) => b ^ mask[i]);
  db[0] &= 0xff >> (8 * emLength - emBits);
  const separator = db.findIndex((b) => b !== 0);
  return separator >= 0 && db[separator] === 0x01 ? dbLength - separator - 1 : null;
}
