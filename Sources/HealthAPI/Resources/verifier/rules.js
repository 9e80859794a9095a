// Entry rules (DCC gateway business rules, as `GET /v1/rules` serves them): which apply to a certificate entering
// a country, and what each says of it, as the server's EntryRules and EntryRuleCheck decide.
import { evaluate } from './certlogic.js';
import { isoSeconds } from './cose.js';

/// CertificateType → the certificate group it covers (General: every one).
const SCOPES = new Map([['General', null], ['Vaccination', 'v'], ['Test', 't'], ['Recovery', 'r']]);

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with Z, ±HH:MM or ±HHMM (none: UTC), as milliseconds; NaN when malformed.
function instant(text) {
  const pattern = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?(?:[Zz]|([+-])(\d\d):?(\d\d))?$/;
  const match = pattern.exec(typeof text === 'string' ? text : '');
  if (!match) return NaN;
  const [y, mo, d, h, mi, s = 0, fraction = '', sign, oh = 0, om = 0] = match.slice(1);
  const date = new Date(0);
  date.setUTCFullYear(+y, mo - 1, +d);
  if (date.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 60) return NaN;
  const offset = (sign === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  return date.getTime() + ((h * 60 + +mi) * 60 + +s - offset + Number(`0.${fraction || 0}`)) * 1000;
}

/// A served rule as the checks use it; throws when it lacks what the gateway defines.
function rule(json) {
  const text = (name) => {
    if (typeof json?.[name] === 'string' && json[name]) return json[name];
    throw new Error(`${json?.Identifier ?? 'a rule'}: ${name} is missing`);
  };
  const r = {
    identifier: text('Identifier'),
    kind: text('Type'),
    country: text('Country'),
    version: text('Version').split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : NaN)),
    type: SCOPES.get(text('CertificateType')),
    descriptions: (Array.isArray(json.Description) ? json.Description : []).filter(
      (entry) => typeof entry?.lang === 'string' && typeof entry?.desc === 'string',
    ),
    validFrom: instant(text('ValidFrom')),
    validTo: instant(text('ValidTo')),
    logic: json.Logic,
  };
  const known = ['Acceptance', 'Invalidation'].includes(r.kind) && r.type !== undefined;
  if (!known || r.version.length !== 3 || r.version.some(Number.isNaN) || !(r.validFrom < r.validTo)) {
    throw new Error(`${r.identifier}: Type, CertificateType, Version, ValidFrom or ValidTo is not as the gateway's`);
  }
  return r;
}

/// The rules from the served array; throws when one is not a gateway rule.
export function readRules(json) {
  if (!Array.isArray(json)) throw new Error('the rules are not a JSON array');
  return json.map(rule);
}

/// The countries with an Acceptance rule, sorted.
export const destinations = (rules) =>
  [...new Set(rules.filter((r) => r.kind === 'Acceptance').map((r) => r.country))].sort();

/// Versions compared part by part, as numbers.
const compare = (a, b) => a.version.map((part, i) => part - b.version[i]).find((difference) => difference !== 0) ?? 0;

/// The destination's Acceptance and the issuing country's Invalidation rules for the type, in force at `now` (ms);
/// of several versions of one identifier the newest in force; sorted by identifier.
export function applicableRules(rules, { type, issuer, destination, now }) {
  const newest = new Map();
  for (const r of rules) {
    if ((r.type !== null && r.type !== type) || !(r.validFrom <= now && now < r.validTo)) continue;
    if (r.country !== (r.kind === 'Acceptance' ? destination : issuer)) continue;
    const held = newest.get(r.identifier);
    if (!held || compare(r, held) > 0) newest.set(r.identifier, r);
  }
  const order = (a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0);
  return [...newest.values()].sort(order);
}

/// The rule's description in `language`, else English, else the first given.
export function describe(r, language) {
  const pick = (lang) => r.descriptions.find((entry) => entry.lang === lang)?.desc;
  return pick(language) ?? pick('en') ?? r.descriptions[0]?.desc ?? r.identifier;
}

/// [{identifier, passed, description, error?}] in identifier order, for a technically valid certificate: passed
/// only when the logic gives exactly `true`; one that throws fails with its message. `valueSets` as served (id →
/// array of codes); `issuedAt` and `expiresAt` as YYYY-MM-DDTHH:MM:SSZ.
export function checkRules(rules, valueSets, subject) {
  const { hcert, issuedAt, expiresAt, destination, language, now } = subject;
  const validationClock = isoSeconds(now / 1000);
  const external = { valueSets, validationClock, countryCode: destination, exp: expiresAt, iat: issuedAt };
  const data = { payload: hcert, external };
  return applicableRules(rules, subject).map((r) => {
    const outcome = { identifier: r.identifier, passed: false, description: describe(r, language) };
    // The rule itself, out of the result's JSON form, so the page can describe it again in another language.
    Object.defineProperty(outcome, 'rule', { value: r });
    try {
      outcome.passed = evaluate(r.logic, data) === true;
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    return outcome;
  });
}
