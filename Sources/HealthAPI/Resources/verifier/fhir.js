// The FHIR Bundle a SMART Health Card carries: the `fhir` step, and the card mapped onto the DCC payload fields the
// entry rules read (the README's table), so a card is held to the same rules as a DCC.
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
const NAAT = ['94500-6', '94309-2', '94306-8', '94531-1', '94533-7', '94534-5', '94756-4', '94757-2', '94759-8',
  '94845-5', '95406-5', '95425-5'];
const ANTIGEN = ['94558-4', '95209-3', '96119-3', '97097-0'];
/// SNOMED result → the DCC's: not detected, detected.
const RESULTS = { 260385009: '260415000', 260415000: '260415000', 10828004: '260373001', 260373001: '260373001' };
const COVID = '840539006';

const resources = (bundle) =>
  (Array.isArray(bundle.entry) ? bundle.entry : []).map((entry) => entry?.resource).filter((r) => r instanceof Object);
const ofType = (all, type) => all.filter((r) => r.resourceType === type);
/// The code of the concept's first coding in `system`, '' when it has none.
function code(concept, system) {
  const coding = Array.isArray(concept?.coding) ? concept.coding.find((c) => c?.system === system) : null;
  return coding?.code === undefined ? '' : String(coding.code);
}
/// Sorted by the date member, those without one first; the last is the latest.
const byDate = (list, member) => {
  const date = (r) => (typeof r[member] === 'string' ? r[member] : '');
  return [...list].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
};

/// The card's first Patient when it has a name and a birth date.
function patientOf(all) {
  const patient = ofType(all, 'Patient')[0];
  const name = Array.isArray(patient?.name) ? patient.name[0] : null;
  const named = typeof name?.family === 'string' || (Array.isArray(name?.given) && name.given.length > 0);
  return named && typeof patient.birthDate === 'string' ? patient : null;
}

/// The `fhir` step: a Bundle with a named Patient with a birth date, and an Immunization or Observation.
export function checkBundle(bundle) {
  const all = resources(bundle);
  const records = ofType(all, 'Immunization').length + ofType(all, 'Observation').length;
  if (bundle.resourceType !== 'Bundle' || !patientOf(all) || records === 0) {
    fail('invalid-fhir', 'not a Bundle with a named Patient with a birth date and an Immunization or Observation');
  }
}

/// {type: 'v', 't' or null, payload}: the checked bundle as a DCC payload; `entry` holds the entry's co, is and ci.
export function toDCC(bundle, entry) {
  const all = resources(bundle);
  const patient = patientOf(all);
  const { family, given } = patient.name[0];
  const fn = typeof family === 'string' ? family : '';
  const gn = Array.isArray(given) ? given.join(' ') : '';
  const payload = { ver: '1.3.0', nam: { fn, fnt: icaoName(fn), gn, gnt: icaoName(gn) }, dob: patient.birthDate };
  const immunizations = ofType(all, 'Immunization');
  const doses = byDate(immunizations.filter((r) => r.status === 'completed'), 'occurrenceDateTime');
  if (doses.length) {
    const last = doses.at(-1);
    const cvx = code(last.vaccineCode, 'http://hl7.org/fhir/sid/cvx');
    const [mp, ma, vp, course] = PRODUCTS[cvx] ?? [`CVX-${cvx}`, '', '', 2];
    const dt = String(last.occurrenceDateTime ?? '').slice(0, 10);
    payload.v = [{ tg: COVID, vp, mp, ma, dn: doses.length, sd: Math.max(course, doses.length), dt, ...entry }];
    return { type: 'v', payload };
  }
  const test = immunizations.length ? null : byDate(ofType(all, 'Observation'), 'effectiveDateTime').at(-1);
  if (!test) return { type: null, payload };
  const loinc = code(test.code, 'http://loinc.org');
  const tt = NAAT.includes(loinc) ? 'LP6464-4' : ANTIGEN.includes(loinc) ? 'LP217198-3' : `LOINC-${loinc}`;
  const snomed = code(test.valueCodeableConcept, 'http://snomed.info/sct');
  const sc = String(test.effectiveDateTime ?? '');
  payload.t = [{ tg: COVID, tt, sc, tr: RESULTS[snomed] ?? snomed, ...entry }];
  return { type: 't', payload };
}
