// The eu-dcc-schema rules the server's validator applies (types, required members, patterns, lengths, item
// counts, dose bounds) and "exactly one of v, t, r"; any violation is `schema-violation`.
import { fail } from './failure.js';

const GROUPS = ['v', 't', 'r'];

/// The differences between the schema generations, keyed as the server keys them.
function rulesFor(version) {
  if (version === '1.0.0' || version === '1.0.1' || ['1.1.0', '1.2.0', '1.2.1'].includes(version)) {
    return {
      maxLength: 50,
      doseMaximum: 9,
      testCentreRequired: true,
      testNameMaxLength: null,
      birthDate: version.startsWith('1.0.') ? 'anywhere' : 'partial',
      singleEntryGroups: false,
      familyRequired: true,
    };
  }
  const newest = version !== '1.3.0' && version !== '1.3.1';
  return {
    maxLength: 80,
    doseMaximum: null,
    testCentreRequired: false,
    testNameMaxLength: 80,
    birthDate: 'partialOrEmpty',
    singleEntryGroups: true,
    familyRequired: !newest,
  };
}

const REQUIRED = {
  v: ['tg', 'vp', 'mp', 'ma', 'dn', 'sd', 'dt', 'co', 'is', 'ci'],
  t: ['tg', 'tt', 'sc', 'tr', 'co', 'is', 'ci'],
  r: ['tg', 'fr', 'co', 'is', 'df', 'du', 'ci'],
};
const PLAIN = {
  v: ['tg', 'vp', 'mp', 'ma', 'dt'],
  t: ['tg', 'tt', 'ma', 'sc', 'tr', 'dr'],
  r: ['tg', 'fr', 'df', 'du'],
};

const violation = (path, message) => fail('schema-violation', `${path}: ${message}`);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function string(value, path, maxLength = null) {
  if (typeof value !== 'string') violation(path, 'not a string');
  if (maxLength !== null && [...value].length > maxLength) violation(path, `longer than ${maxLength} characters`);
  return value;
}

/// `^\d+.\d+.\d+$`, where `.` is any character, digits taken greedily as the server does.
function isVersion(text) {
  const chars = [...text];
  let i = 0;
  for (let part = 0; part < 3; part++) {
    const start = i;
    while (i < chars.length && chars[i] >= '0' && chars[i] <= '9') i++;
    if (i === start) return false;
    if (part < 2) {
      if (i >= chars.length) return false;
      i++;
    }
  }
  return i === chars.length;
}

/// A date that exists: month 01-12 and a day that month has; 00 stands for an unknown month or day (NL writes
/// `1963-00`), an absent part for one left out.
function isRealDate(year, month, day) {
  if (month === undefined || Number(month) === 0) return day === undefined || Number(day) <= 31;
  if (Number(month) > 12) return false;
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return day === undefined || Number(day) <= days;
}

const PARTIAL_DATE = /^((?:19|20)[0-9]{2})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$/;
const isPartialDate = (text) => {
  const match = PARTIAL_DATE.exec(text);
  return match !== null && isRealDate(match[1], match[2], match[3]);
};

const BIRTH_DATE = {
  anywhere: (text) =>
    [...text.matchAll(/(?=((?:19|20)[0-9]{2})-([0-9]{2})-([0-9]{2}))/g)].some((m) => isRealDate(m[1], m[2], m[3])),
  partial: isPartialDate,
  partialOrEmpty: (text) => text === '' || isPartialDate(text),
};

/// Throws `schema-violation` when the hcert (its JSON form) breaks a rule of the version it declares.
export function validateSchema(hcert) {
  if (!isObject(hcert)) violation('/', 'not an object');
  const rules = rulesFor(typeof hcert.ver === 'string' ? hcert.ver : null);
  for (const name of ['ver', 'nam', 'dob']) if (!(name in hcert)) violation('/', `missing required ${name}`);
  const present = GROUPS.filter((group) => group in hcert);
  if (present.length !== 1) violation('/', `holds ${present.length} of v, t, r instead of one`);
  if (!isVersion(string(hcert.ver, '/ver'))) violation('/ver', 'not a semantic version');
  validateName(hcert.nam, rules);
  if (!BIRTH_DATE[rules.birthDate](string(hcert.dob, '/dob'))) violation('/dob', 'does not match the pattern');
  validateGroup(hcert[present[0]], present[0], rules);
}

function validateName(name, rules) {
  if (!isObject(name)) violation('/nam', 'not an object');
  for (const field of ['fn', 'gn', 'fnt', 'gnt']) {
    if (!(field in name)) continue;
    const text = string(name[field], `/nam/${field}`, rules.maxLength);
    if (field.endsWith('t') && !/^[A-Z<]*$/.test(text)) violation(`/nam/${field}`, 'not ICAO 9303 characters');
  }
  if (rules.familyRequired ? !('fnt' in name) : !('fnt' in name) && !('gnt' in name)) {
    violation('/nam', 'missing the standardised name');
  }
}

function validateGroup(entries, type, rules) {
  if (!Array.isArray(entries)) violation(`/${type}`, 'not an array');
  if (entries.length === 0) violation(`/${type}`, 'has no entry');
  if (rules.singleEntryGroups && entries.length > 1) violation(`/${type}`, 'has more than one entry');
  entries.forEach((entry, index) => validateEntry(entry, type, `/${type}/${index}`, rules));
}

function validateEntry(entry, type, path, rules) {
  if (!isObject(entry)) violation(path, 'not an object');
  const required = type === 't' && rules.testCentreRequired ? [...REQUIRED.t, 'tc'] : REQUIRED[type];
  for (const name of required) if (!(name in entry)) violation(path, `missing required ${name}`);
  for (const name of PLAIN[type]) if (name in entry) string(entry[name], `${path}/${name}`);
  for (const name of ['is', 'ci']) if (name in entry) string(entry[name], `${path}/${name}`, rules.maxLength);
  if ('co' in entry && !/[A-Z]/.test(string(entry.co, `${path}/co`))) violation(`${path}/co`, 'no country letter');
  if (type === 'v') {
    for (const name of ['dn', 'sd']) if (name in entry) validateDose(entry[name], `${path}/${name}`, rules);
  }
  if (type === 't') {
    if ('tc' in entry) string(entry.tc, `${path}/tc`, rules.maxLength);
    if ('nm' in entry) string(entry.nm, `${path}/nm`, rules.testNameMaxLength);
  }
}

function validateDose(value, path, rules) {
  if (typeof value !== 'number' || !Number.isInteger(value)) violation(path, 'not an integer');
  if (value < 1) violation(path, 'below 1');
  if (rules.doseMaximum !== null && value > rules.doseMaximum) violation(path, `above ${rules.doseMaximum}`);
}
