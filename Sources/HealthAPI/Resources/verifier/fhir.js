// The FHIR Bundle of a SMART Health Card read as the DCC payload fields entry rules take (the README's table), as
// the server's HealthCardDCCPayload reads it: the Patient as `nam` and `dob`, the last completed COVID-19
// Immunization as `v`, else the last Observation as `t`.
import { fail } from './failure.js';
import { icaoName } from './names.js';

const MRNA = '1119349007';
const OTHER = 'J07BX03';
/// CVX code → [mp, ma, vp, doses of the primary course].
const SPIKEVAX = ['EU/1/20/1507', 'ORG-100031184', MRNA, 2];
const COMIRNATY = ['EU/1/20/1528', 'ORG-100030215', MRNA, 2];
const PRODUCTS = {
  207: SPIKEVAX, 221: SPIKEVAX, 229: SPIKEVAX,
  208: COMIRNATY, 217: COMIRNATY, 218: COMIRNATY, 219: COMIRNATY, 300: COMIRNATY,
  210: ['EU/1/21/1529', 'ORG-100001699', OTHER, 2],
  211: ['EU/1/21/1618', 'ORG-100032020', OTHER, 2],
  212: ['EU/1/20/1525', 'ORG-100001417', OTHER, 1],
  502: ['Covaxin', 'Bharat-Biotech', OTHER, 2],
  504: ['Sputnik-Light', 'Gamaleya-Research-Institute', OTHER, 1],
  505: ['Sputnik-V', 'Gamaleya-Research-Institute', OTHER, 2],
  506: ['Convidecia', 'ORG-100013793', OTHER, 1],
  510: ['BBIBP-CorV', 'ORG-100020693', OTHER, 2],
  511: ['CoronaVac', 'Sinovac-Biotech', OTHER, 2],
};
/// CVX codes of COVID-19 vaccines besides those of PRODUCTS, as the server's HealthCardCodes.covidCVX.
const OTHER_COVID_CVX = ['213', '225', '226', '227', '228', '230', '301', '302', '500', '501', '503', '507', '508',
  '509', '512'];
const isCovid = (cvx) => cvx !== null && (Object.hasOwn(PRODUCTS, cvx) || OTHER_COVID_CVX.includes(cvx));
const NAAT = ['94500-6', '94309-2', '94306-8', '94531-1', '94533-7', '94534-5', '94756-4', '94757-2', '94759-8',
  '94845-5', '95406-5', '95425-5'];
const ANTIGEN = ['94558-4', '95209-3', '96119-3', '97097-0'];
/// SNOMED CT result → the DCC's: not detected, detected.
const RESULTS = { 260385009: '260415000', 260415000: '260415000', 10828004: '260373001', 260373001: '260373001' };
const COVID = '840539006';
const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';

const own = (table, key) => (Object.hasOwn(table, key) ? table[key] : undefined);
const isObject = (value) => value instanceof Object && !Array.isArray(value);
const string = (value) => (typeof value === 'string' ? value : '');
/// The code of the concept's first coding in `system`, null when it has none.
function code(concept, system) {
  const coding = Array.isArray(concept?.coding) ? concept.coding.find((c) => c?.system === system) : null;
  return typeof coding?.code === 'string' ? coding.code : null;
}
/// The resources of one type sorted by a date member, those without one first; the last is the latest.
function byDate(resources, type, member) {
  const date = (r) => string(r[member]);
  const order = (a, b) => (date(a) < date(b) ? -1 : +(date(a) > date(b)));
  return resources.filter((r) => r.resourceType === type).sort(order);
}

function names(name) {
  const fn = string(name?.family);
  const given = Array.isArray(name?.given) ? name.given.filter((part) => typeof part === 'string') : [];
  const nam = { fn };
  if (given.length) nam.gn = given.join(' ');
  if (icaoName(fn)) nam.fnt = icaoName(fn);
  if (given.length && icaoName(nam.gn)) nam.gnt = icaoName(nam.gn);
  return nam;
}

function vaccination(resources, common) {
  const covid = resources.filter((r) => r.status === 'completed' && isCovid(code(r.vaccineCode, CVX_SYSTEM)));
  const doses = byDate(covid, 'Immunization', 'occurrenceDateTime');
  const last = doses.at(-1);
  const cvx = last ? code(last.vaccineCode, CVX_SYSTEM) : null;
  if (cvx === null) return null;
  const [mp, ma, vp, course] = own(PRODUCTS, cvx) ?? [`CVX-${cvx}`, '', OTHER, 2];
  const applied = Array.isArray(last.protocolApplied) ? last.protocolApplied[0] : null;
  const integer = (value) => (Number.isInteger(value) ? value : null);
  const dn = integer(applied?.doseNumberPositiveInt) ?? doses.length;
  const sd = integer(applied?.seriesDosesPositiveInt) ?? Math.max(dn, course);
  return { tg: COVID, vp, mp, ma, dn, sd, dt: string(last.occurrenceDateTime).slice(0, 10), ...common };
}

/// A date-time as the server reads one (seconds since 1970): `YYYY-MM-DD`, at its start in UTC, or with a time
/// `THH:MM[:SS[.fraction]]` and a zone (`Z`, `±HH:MM` or `±HHMM`; none means UTC); -Infinity for anything else.
function instant(text) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))?)?$/
    .exec(text);
  if (!parts) return -Infinity;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((part) => Number(part ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 60) return -Infinity;
  const offset = parts[8] ? (parts[8] === '-' ? -1 : 1) * (Number(parts[9]) * 3600 + Number(parts[10]) * 60) : 0;
  const fraction = parts[7] ? Number(`0.${parts[7]}`) : 0;
  return date.getTime() / 1000 + hour * 3600 + minute * 60 + second - offset + fraction;
}

/// The test result, as the server reads it: of the Observations with a completed status, the latest SARS-CoV-2
/// test by the instant it was taken (a date alone at its start in UTC); on a card with none, the latest of any code.
function test(resources, common) {
  const completed = ['final', 'amended', 'corrected'];
  const taken = (r) => instant(string(r.effectiveDateTime));
  const results = resources
    .filter((r) => r.resourceType === 'Observation' && completed.includes(r.status))
    .filter((r) => code(r.code, 'http://loinc.org') !== null)
    .sort((a, b) => (taken(a) < taken(b) ? -1 : +(taken(a) > taken(b))));
  const covid = results.filter((r) => [...NAAT, ...ANTIGEN].includes(code(r.code, 'http://loinc.org')));
  const last = covid.at(-1) ?? results.at(-1);
  const loinc = last ? code(last.code, 'http://loinc.org') : null;
  if (loinc === null) return null;
  const tt = NAAT.includes(loinc) ? 'LP6464-4' : ANTIGEN.includes(loinc) ? 'LP217198-3' : `LOINC-${loinc}`;
  const snomed = code(last.valueCodeableConcept, 'http://snomed.info/sct') ?? '';
  const tr = own(RESULTS, snomed) ?? `SNOMED-${snomed}`;
  return { tg: COVID, tt, sc: string(last.effectiveDateTime), tr, ...common };
}

/// The `fhir` step: {type: 'v', 't' or null, payload}; `invalid-fhir` unless the bundle is a Bundle whose every
/// entry is a resource and whose Patient, if any, has a name and a birth date. `common` holds the entry's co, is, ci.
export function readBundle(bundle, common) {
  if (bundle.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) fail('invalid-fhir', 'not a Bundle');
  const resources = bundle.entry.map((entry) => entry?.resource);
  if (!resources.every((r) => isObject(r) && typeof r.resourceType === 'string')) {
    fail('invalid-fhir', 'a Bundle entry has no resource with a resourceType');
  }
  const payload = { ver: '1.3.0' };
  const patient = resources.find((r) => r.resourceType === 'Patient');
  if (patient) {
    const name = Array.isArray(patient.name) ? patient.name[0] : undefined;
    if (name === undefined || typeof patient.birthDate !== 'string') {
      fail('invalid-fhir', 'the Patient has no name or no birth date');
    }
    Object.assign(payload, { nam: names(name), dob: patient.birthDate });
  }
  const v = vaccination(resources, common);
  const t = v ? null : test(resources, common);
  if (v) payload.v = [v];
  if (t) payload.t = [t];
  return { type: v ? 'v' : t ? 't' : null, payload };
}
