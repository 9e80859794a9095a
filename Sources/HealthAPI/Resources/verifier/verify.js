// Verifies an HC1 string offline, step by step as `healthctl cert verify --json` does: the same check names, the
// same failure codes, the same result fields, and for a technically valid certificate the entry rules and the
// verdict. Nothing leaves the browser.
import { decodeBase45 } from './base45.js';
import { sha256, toBase64 } from './bytes.js';
import { decodeClaims, decodeSign1, isoSeconds, signatureInput, toJSON } from './cose.js';
import { Failure } from './failure.js';
import { inflate } from './inflate.js';
import { isRevoked } from './revocation.js';
import { checkRules } from './rules.js';
import { validateSchema } from './schema.js';
import { verifySignature } from './signature.js';
import { checkValueSets } from './valuesets.js';

/// The steps in the order they run, named as the `checks` of `healthctl cert verify --json`.
export const STEPS = [
  'prefix',
  'base45',
  'decompress',
  'cose',
  'kid',
  'signature',
  'expiry',
  'keyUsage',
  'schema',
  'valueSets',
  'revocation',
];

/// The single group of v, t, r an hcert holds, null when it holds none or several.
function typeOf(hcert) {
  const groups = new Set(Object.keys(hcert).filter((key) => ['v', 't', 'r'].includes(key)));
  return groups.size === 1 ? [...groups][0] : null;
}

/// A verification's outcome, each of `steps` null until it runs; a SMART Health Card's has its own steps.
export class Result {
  constructor(steps = STEPS) {
    this.valid = false;
    this.error = null;
    this.checks = Object.fromEntries(steps.map((step) => [step, null]));
    this.kid = null;
    this.country = null;
    this.type = null;
    this.issuedAt = null;
    this.expiresAt = null;
    this.payload = null;
    this.rules = [];
    this.verdict = 'invalid';
  }

  /// Records a step's outcome; the first failure is the one reported.
  step(name, passed, code = null) {
    this.checks[name] = passed;
    if (!passed && this.error === null) this.error = code;
  }

  /// Runs one step that throws a Failure on failure; returns its value or null.
  async run(name, body) {
    try {
      const value = await body();
      this.step(name, true);
      return value;
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      this.step(name, false, error.code);
      return null;
    }
  }
}

/// `trust` from trustListFrom; `valueSets` from valueSetsFrom; `revocations` the gateway batches or null (no
/// revocation step); `now` in ms; `entry` null (no rules) or {rules from readRules, valueSets as served,
/// destination, language}.
export async function verifyHC1(input, { trust, valueSets, revocations = null, now = Date.now(), entry = null }) {
  const result = new Result();
  const text = input.trim();
  const base45 = await result.run('prefix', () => {
    if (!text.startsWith('HC1:')) throw new Failure('wrong-prefix', 'does not start with HC1:');
    return text.slice(4);
  });
  if (base45 === null) return result;
  const compressed = await result.run('base45', () => decodeBase45(base45));
  if (compressed === null) return result;
  const coseBytes = await result.run('decompress', () => inflate(compressed));
  if (coseBytes === null) return result;
  const decoded = await result.run('cose', () => {
    const message = decodeSign1(coseBytes);
    return { message, claims: decodeClaims(message.payload) };
  });
  if (decoded === null) return result;
  const { message, claims } = decoded;
  const hcert = toJSON(claims.hcert);
  result.kid = message.kid && toBase64(message.kid);
  result.country = claims.issuer;
  result.type = typeOf(hcert);
  result.issuedAt = claims.issuedAt === null ? null : isoSeconds(claims.issuedAt);
  result.expiresAt = claims.expiresAt === null ? null : isoSeconds(claims.expiresAt);
  result.payload = hcert;

  const signer = await checkSignature(message, trust, result);
  result.country ??= signer?.country ?? null;
  checkExpiry(claims, signer, now, result);
  if (signer) {
    const allowed = result.type !== null && (signer.allowedTypes?.includes(result.type) ?? true);
    result.step('keyUsage', allowed, 'key-usage-mismatch');
  }
  await result.run('schema', () => validateSchema(hcert));
  await result.run('valueSets', () => checkValueSets(hcert, result.type, valueSets));
  const earlier = STEPS.slice(0, -1).every((step) => result.checks[step] === true);
  if (revocations !== null && message.kid && earlier) {
    const revoked = await isRevoked({ message, claims, hcert, type: result.type }, revocations);
    result.step('revocation', !revoked, 'revoked');
  }
  result.valid = result.error === null && earlier && result.checks.revocation !== false;
  if (result.valid && entry) {
    const { rules, valueSets: sets, destination, language } = entry;
    const subject = { hcert, type: result.type, issuer: result.country, destination, language, now };
    result.rules = checkRules(rules, sets, { ...subject, issuedAt: result.issuedAt, expiresAt: result.expiresAt });
  }
  if (result.valid) result.verdict = result.rules.every((rule) => rule.passed) ? 'valid' : 'not-valid-for-entry';
  return result;
}

/// The kid and signature steps; returns the signer whose key verified the signature, or null.
async function checkSignature(message, trust, result) {
  if (!message.kid) {
    result.step('kid', false, 'cose-missing-kid');
    return null;
  }
  const candidates = trust.signers(toBase64(message.kid));
  if (candidates.length === 0) {
    result.step('kid', false, 'unknown-kid');
    return null;
  }
  result.step('kid', true);
  const input = signatureInput(message);
  const failures = [];
  for (const candidate of candidates) {
    const code = await verifySignature(message, input, candidate);
    if (code === null) {
      result.step('signature', true);
      return candidate;
    }
    failures.push(code);
  }
  result.step('signature', false, failures.every((c) => c === failures[0]) ? failures[0] : 'signature-invalid');
  return null;
}

/// iat <= now <= exp (hcert spec 3.3.1), and the signer's own certificate in force now; the certificate's own
/// dates first, as they are the holder's problem.
function checkExpiry(claims, signer, now, result) {
  const seconds = now / 1000;
  if (claims.issuedAt === null || claims.expiresAt === null) {
    result.step('expiry', false, 'cwt-missing-timestamp');
  } else if (seconds < claims.issuedAt) {
    result.step('expiry', false, 'not-yet-valid');
  } else if (seconds > claims.expiresAt) {
    result.step('expiry', false, 'expired');
  } else if (signer && now < signer.notBefore) {
    result.step('expiry', false, 'not-yet-valid');
  } else if (signer && now > signer.notAfter) {
    result.step('expiry', false, 'expired');
  } else {
    result.step('expiry', true);
  }
}
