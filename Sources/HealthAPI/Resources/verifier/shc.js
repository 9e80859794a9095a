// Verifies a SMART Health Card (its `shc:/` QR text, or the chunks of one) offline, step by step as the server's
// HealthCardVerifier does: the same check names, failure codes and result fields; a technically valid card is read
// as a DCC payload and held to the same entry rules as a DCC. Nothing leaves the browser.
import { isoSeconds } from './cose.js';
import { fail, Failure } from './failure.js';
import { readBundle } from './fhir.js';
import { inflateRaw } from './inflate.js';
import { isRevoked, keyFor, verifyES256 } from './issuers.js';
import { checkRules } from './rules.js';
import { Result } from './verify.js';

export const SHC_PREFIX = 'shc:/';
/// The steps as reported.
export const SHC_STEPS = ['prefix', 'numeric', 'chunks', 'inflate', 'jws', 'kid', 'signature', 'issuer', 'nbf',
  'revocation', 'fhir'];
/// The order they run in: an unknown issuer before its keys, a revoked card before its dates.
export const SHC_ORDER = ['prefix', 'numeric', 'chunks', 'inflate', 'jws', 'issuer', 'kid', 'signature', 'revocation',
  'nbf', 'fhir'];
const MAXIMUM_CHUNKS = 99;
/// How far ahead of ours an issuer's clock may be, in seconds.
const CLOCK_SKEW = 300;
/// Rules read a card without `exp` as valid to the end of 9999.
const NO_EXPIRY = '9999-12-31T23:59:59Z';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/// A text's place among the card's chunks and its digits; `shc:/digits` is chunk 1 of 1.
function chunk(text) {
  if (!text.startsWith(SHC_PREFIX)) fail('wrong-prefix', 'does not start with shc:/');
  const parts = text.slice(SHC_PREFIX.length).split('/');
  if (parts.length === 1) return { i: 1, n: 1, digits: parts[0] };
  const [i, n] = parts.slice(0, 2).map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  if (parts.length !== 3 || !(i >= 1 && i <= n && n <= MAXIMUM_CHUNKS)) {
    fail('invalid-chunks', `shc:/ is not followed by digits, or by i/n/ with 1 ≤ i ≤ n ≤ ${MAXIMUM_CHUNKS}`);
  }
  return { i, n, digits: parts[2] };
}

/// Each pair of digits (00 to 77) is one character, its code less 45.
function numeric(digits) {
  if (!/^(\d\d)+$/.test(digits)) fail('invalid-numeric', 'no digits, an odd number of them, or not digits');
  const codes = digits.match(/\d\d/g).map(Number);
  if (codes.some((pair) => pair > 77)) fail('invalid-numeric', 'a pair of digits above 77');
  return codes.map((pair) => String.fromCharCode(pair + 45)).join('');
}

/// The JWS: the chunks in order, every i of one n once.
function assemble(chunks, texts) {
  const ordered = chunks.map((c, k) => [c.i, texts[k]]).sort((a, b) => a[0] - b[0]);
  const n = chunks[0].n;
  if (chunks.some((c) => c.n !== n) || ordered.length !== n || ordered.some(([i], k) => i !== k + 1)) {
    fail('invalid-chunks', 'chunks of cards of different sizes, one missing or one given twice');
  }
  return ordered.map(([, text]) => text).join('');
}

/// Base64url without padding as bytes, null when it is not (leftover bits must be zero).
function base64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  if (BASE64URL.indexOf(text.at(-1)) & [0, 0, 15, 3][text.length % 4]) return null;
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

/// The JWS header and claims, as the framework requires them.
function readJWS(headerBytes, payloadBytes) {
  const json = (bytes) => {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return null;
    }
  };
  const header = json(headerBytes);
  const claims = json(payloadBytes);
  if (header?.alg !== 'ES256' || header.zip !== 'DEF' || typeof header.kid !== 'string') {
    fail('invalid-jws', 'the header is not {alg: ES256, zip: DEF, kid}');
  }
  const bundle = claims?.vc?.credentialSubject?.fhirBundle;
  const exp = claims?.exp === undefined || typeof claims.exp === 'number';
  if (typeof claims?.iss !== 'string' || typeof claims.nbf !== 'number' || !exp || !(bundle instanceof Object)) {
    fail('invalid-jws', 'the payload has no iss, numeric nbf or vc.credentialSubject.fhirBundle');
  }
  if (Array.isArray(bundle)) fail('invalid-jws', 'the fhirBundle is not an object');
  return { header, claims, bundle };
}

/// prefix, numeric and chunks: the JWS's three parts and their bytes, or null after a failed step.
async function decode(texts, result) {
  const chunks = [];
  for (const text of texts) {
    try {
      chunks.push(chunk(text.trim()));
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      const wrong = error.code === 'wrong-prefix';
      if (!wrong) result.step('prefix', true);
      result.step(wrong ? 'prefix' : 'chunks', false, error.code);
      return null;
    }
  }
  result.step('prefix', chunks.length > 0, 'wrong-prefix');
  const characters = chunks.length ? await result.run('numeric', () => chunks.map((c) => numeric(c.digits))) : null;
  const jws = characters && (await result.run('chunks', () => assemble(chunks, characters)));
  if (!jws) return null;
  const segments = jws.split('.');
  const bytes = segments.length === 3 ? segments.map(base64url) : [null];
  if (bytes.includes(null)) {
    result.step('jws', false, 'invalid-jws');
    return null;
  }
  return { segments, bytes };
}

/// A NumericDate as ISO 8601, null when no Date can hold it.
const iso = (seconds) => (Math.abs(seconds) < 8e12 ? isoSeconds(seconds) : null);

/// `texts` the `shc:/` texts of one card (its chunks in any order); `issuers` from issuersFrom; `now` in ms;
/// `entry` null (no rules) or {rules from readRules, valueSets as served, destination, language}.
export async function verifySHC(texts, { issuers, now = Date.now(), entry = null }) {
  const result = Object.assign(new Result(SHC_STEPS), { format: 'shc', issuer: null, issuerName: null });
  const jws = await decode(texts, result);
  if (jws === null) return result;
  const payload = await result.run('inflate', () => inflateRaw(jws.bytes[1]));
  const token = payload && (await result.run('jws', () => readJWS(jws.bytes[0], payload)));
  if (!token) return result;
  const { header, claims, bundle } = token;
  Object.assign(result, { kid: header.kid, issuer: claims.iss, issuedAt: iso(claims.nbf) });
  result.expiresAt = claims.exp === undefined ? null : iso(claims.exp);

  const trusted = issuers.get(claims.iss);
  result.step('issuer', Boolean(trusted), 'unknown-issuer');
  if (!trusted) return result;
  Object.assign(result, { issuerName: trusted.name, country: trusted.country });
  const key = await keyFor(trusted, header.kid);
  result.step('kid', key !== null, 'unknown-kid');
  if (!key) return result;
  const signed = new TextEncoder().encode(`${jws.segments[0]}.${jws.segments[1]}`);
  result.step('signature', await verifyES256(key, signed, jws.bytes[2]), 'signature-invalid');
  if (!result.checks.signature) return result;
  const revoked = isRevoked(trusted, header.kid, claims);
  if (revoked !== null) result.step('revocation', !revoked, 'revoked');
  const seconds = now / 1000;
  if (claims.nbf > seconds + CLOCK_SKEW) result.step('nbf', false, 'not-yet-valid');
  else result.step('nbf', claims.exp === undefined || claims.exp > seconds, 'expired');
  const rid = typeof claims.vc.rid === 'string' ? claims.vc.rid : '';
  const common = { co: trusted.country ?? '', is: trusted.name, ci: rid };
  const card = await result.run('fhir', () => readBundle(bundle, common));
  if (card === null) return result;
  ({ type: result.type, payload: result.payload } = card);

  result.valid = result.error === null;
  if (result.valid && entry) {
    const { rules, valueSets, destination, language } = entry;
    const expiresAt = result.expiresAt ?? NO_EXPIRY;
    const subject = { hcert: result.payload, type: result.type, issuer: result.country, destination, language };
    result.rules = checkRules(rules, valueSets, { ...subject, now, issuedAt: result.issuedAt, expiresAt });
  }
  // A card with nothing the rules read (no vaccination, no test) is never valid for entry.
  const met = result.type !== null && result.rules.every((rule) => rule.passed);
  if (result.valid) result.verdict = met ? 'valid' : 'not-valid-for-entry';
  return result;
}
