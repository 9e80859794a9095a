// Verifies a SMART Health Card (its `shc:/` QR text, or the chunks of one) offline, with the check names and failure
// codes of `healthctl cert verify --json`; a technically valid card is mapped onto a DCC payload and held to the
// same entry rules as a DCC. Nothing leaves the browser.
import { isoSeconds } from './cose.js';
import { fail } from './failure.js';
import { checkBundle, toDCC } from './fhir.js';
import { inflateRaw } from './inflate.js';
import { isRevoked, verifyES256 } from './issuers.js';
import { checkRules } from './rules.js';
import { Result } from './verify.js';

export const SHC_PREFIX = 'shc:/';
/// The steps as reported.
export const SHC_STEPS = ['prefix', 'numeric', 'chunks', 'inflate', 'jws', 'kid', 'signature', 'issuer', 'nbf',
  'revocation', 'fhir'];
/// The order they run in: an unknown issuer is reported before its keys are looked for.
export const SHC_ORDER = ['prefix', 'numeric', 'chunks', 'inflate', 'jws', 'issuer', 'kid', 'signature', 'nbf',
  'revocation', 'fhir'];
const CHUNK = /^(\d+)\/(\d+)\/(.*)$/s;
/// Rules read a card without `exp` as valid to the end of 9999.
const NO_EXPIRY = '9999-12-31T23:59:59Z';

/// Each pair of digits (00 to 77) is one character, its code less 45.
function numeric(digits) {
  if (!/^(\d\d)+$/.test(digits)) fail('invalid-numeric', 'not an even number of digits');
  const codes = digits.match(/\d\d/g).map(Number);
  if (codes.some((pair) => pair > 77)) fail('invalid-numeric', 'a pair of digits above 77');
  return codes.map((pair) => String.fromCharCode(pair + 45)).join('');
}

/// The JWS the decoded texts spell: one whole card, or every chunk i of n once.
function joinChunks(parts) {
  if (parts.length === 1 && parts[0].n === null) return parts[0].text;
  const n = parts.length;
  const indices = new Set(parts.map((part) => part.i));
  if (parts.some((part) => part.n !== n || part.i < 1 || part.i > n) || indices.size !== n) {
    fail('invalid-chunks', 'not every chunk i/n of one card once');
  }
  return [...parts].sort((a, b) => a.i - b.i).map((part) => part.text).join('');
}

/// Base64url without padding as bytes, null when it is not.
function base64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

const isObject = (value) => value instanceof Object && !Array.isArray(value);
/// A NumericDate a Date can hold.
const isTime = (value) => typeof value === 'number' && Math.abs(value) < 8e12;

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
  if (header?.alg !== 'ES256' || header.zip !== 'DEF' || typeof header.kid !== 'string' || !header.kid) {
    fail('invalid-jws', 'the header is not alg ES256, zip DEF and a kid');
  }
  const bundle = claims?.vc?.credentialSubject?.fhirBundle;
  const exp = claims?.exp === undefined || isTime(claims.exp);
  if (typeof claims?.iss !== 'string' || !isTime(claims.nbf) || !exp || !isObject(bundle)) {
    fail('invalid-jws', 'the payload lacks iss, nbf or vc.credentialSubject.fhirBundle');
  }
  return { header, claims, bundle };
}

/// The texts decoded and joined into the JWS's three parts; null after a failed step.
async function decode(texts, result) {
  const bodies = await result.run('prefix', () => {
    if (!texts.length || texts.some((text) => !text.trim().startsWith(SHC_PREFIX))) {
      fail('invalid-prefix', 'does not start with shc:/');
    }
    return texts.map((text) => text.trim().slice(SHC_PREFIX.length));
  });
  if (bodies === null) return null;
  const parts = await result.run('numeric', () =>
    bodies.map((body) => {
      const [, i = null, n = null, digits = body] = CHUNK.exec(body) ?? [];
      return { i: i && Number(i), n: n && Number(n), text: numeric(digits) };
    }),
  );
  if (parts === null) return null;
  const jws = await result.run('chunks', () => joinChunks(parts));
  if (jws === null) return null;
  const segments = jws.split('.');
  const bytes = segments.length === 3 ? segments.map(base64url) : [null];
  if (bytes.includes(null)) {
    result.step('jws', false, 'invalid-jws');
    return null;
  }
  return { segments, bytes };
}

/// `texts` the `shc:/` texts of one card (its chunks in any order); `issuers` from issuersFrom; `now` in ms;
/// `entry` null (no rules) or {rules from readRules, valueSets as served, destination, language}.
export async function verifySHC(texts, { issuers, now = Date.now(), entry = null }) {
  const result = Object.assign(new Result(SHC_STEPS), { format: 'shc', issuer: null, issuerName: null });
  const jws = await decode(texts, result);
  if (jws === null) return result;
  const payload = await result.run('inflate', () => inflateRaw(jws.bytes[1]));
  if (payload === null) return result;
  const token = await result.run('jws', () => readJWS(jws.bytes[0], payload));
  if (token === null) return result;
  const { header, claims, bundle } = token;
  Object.assign(result, { kid: header.kid, issuer: claims.iss, issuedAt: isoSeconds(claims.nbf) });
  result.expiresAt = claims.exp === undefined ? null : isoSeconds(claims.exp);

  const trusted = issuers.get(claims.iss);
  result.step('issuer', Boolean(trusted), 'unknown-issuer');
  const key = trusted?.keys.get(header.kid);
  if (trusted) {
    Object.assign(result, { issuerName: trusted.name, country: trusted.country });
    result.step('kid', Boolean(key), 'unknown-kid');
  }
  if (key) {
    const signed = new TextEncoder().encode(`${jws.segments[0]}.${jws.segments[1]}`);
    result.step('signature', await verifyES256(key, signed, jws.bytes[2]), 'invalid-signature');
  }
  const seconds = now / 1000;
  if (claims.nbf > seconds) result.step('nbf', false, 'not-yet-valid');
  else result.step('nbf', claims.exp === undefined || claims.exp >= seconds, 'expired');
  // Only a card whose signature holds is looked up: its rid is the issuer's.
  const revoked = result.checks.signature ? isRevoked(trusted, header.kid, claims) : null;
  if (revoked !== null) result.step('revocation', !revoked, 'revoked');
  await result.run('fhir', () => checkBundle(bundle));
  if (result.checks.fhir) {
    const rid = typeof claims.vc.rid === 'string' ? claims.vc.rid : '';
    const ids = { co: result.country ?? '', is: result.issuerName ?? claims.iss, ci: rid };
    ({ type: result.type, payload: result.payload } = toDCC(bundle, ids));
  }

  result.valid = result.error === null;
  if (result.valid && entry) {
    const { rules, valueSets, destination, language } = entry;
    const expiresAt = result.expiresAt ?? NO_EXPIRY;
    const subject = { hcert: result.payload, type: result.type, issuer: result.country, destination, language };
    result.rules = checkRules(rules, valueSets, { ...subject, now, issuedAt: result.issuedAt, expiresAt });
  }
  // A card with nothing the rules can read (no completed dose, no test) proves nothing for entry.
  const met = result.type !== null && result.rules.every((rule) => rule.passed);
  if (result.valid) result.verdict = met ? 'valid' : 'not-valid-for-entry';
  return result;
}
