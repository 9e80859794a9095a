// Shows a verdict across the screen: VALID or INVALID with the failing check in words, then who the certificate
// is for and what it certifies. Only the DOM holds these, until the page clears them.
import { say } from './i18n.js';
import { STEPS } from './verify.js';

const FORMAT_STEPS = ['prefix', 'base45', 'decompress', 'cose'];

const TEST_TYPES = { 'LP6464-4': 'pcr', 'LP217198-3': 'antigen' };
const TEST_RESULTS = { 260373001: 'detected', 260415000: 'notDetected' };
/// Vaccine product names for the EU value set codes most often seen.
const PRODUCTS = {
  'EU/1/20/1528': 'Comirnaty',
  'EU/1/20/1507': 'Spikevax',
  'EU/1/21/1529': 'Vaxzevria',
  'EU/1/20/1525': 'Jcovden',
  'EU/1/21/1618': 'Nuvaxovid',
  'BBIBP-CorV': 'Sinopharm BBIBP-CorV',
  'Sputnik-V': 'Sputnik V',
  CoronaVac: 'CoronaVac',
  Covaxin: 'Covaxin',
};

/// The step that failed first, the one the verdict names.
export const failingCheck = (result) => STEPS.find((step) => result.checks[step] === false) ?? null;

/// The words for the failing check.
function reasonKey(result) {
  const step = failingCheck(result);
  if (result.error === 'no-trust-list') return 'checks.noLists';
  if (step === null || FORMAT_STEPS.includes(step)) return 'checks.format';
  if (step === 'expiry') return result.error === 'not-yet-valid' ? 'checks.notYetValid' : 'checks.expiry';
  return `checks.${step}`;
}

const when = (text, language) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return String(text ?? '');
  return date.toLocaleString(language === 'ar' ? 'ar' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};

function details(hcert, type, language) {
  const entry = Array.isArray(hcert?.[type]) ? hcert[type][0] ?? {} : {};
  if (type === 'v') {
    const product = PRODUCTS[entry.mp] ? `${PRODUCTS[entry.mp]} (${entry.mp})` : String(entry.mp ?? '');
    return [say(language, 'vaccination'), say(language, 'dose', { n: entry.dn, m: entry.sd }), product,
      say(language, 'vaccinated', { date: entry.dt })];
  }
  if (type === 't') {
    return [say(language, 'test'), say(language, TEST_TYPES[entry.tt] ?? String(entry.tt ?? '')),
      say(language, TEST_RESULTS[entry.tr] ?? String(entry.tr ?? '')),
      say(language, 'sampled', { date: when(entry.sc, language) })];
  }
  if (type === 'r') {
    return [say(language, 'recovery'), say(language, 'recoveryValid', { from: entry.df, until: entry.du })];
  }
  return [];
}

function row(list, label, value, direction = null) {
  const term = document.createElement('dt');
  term.textContent = label;
  const description = document.createElement('dd');
  // Isolated, so an Arabic name keeps its order inside English text and a Latin one inside Arabic.
  const text = document.createElement('bdi');
  text.textContent = value;
  if (direction) text.dir = direction;
  description.append(text);
  list.append(term, description);
}

/// Fills the verdict section from a verification result.
export function showVerdict(section, result, language) {
  clearVerdict(section);
  section.hidden = false;
  section.dataset.verdict = result.valid ? 'valid' : 'invalid';
  section.dataset.check = failingCheck(result) ?? '';
  section.dataset.error = result.error ?? '';
  section.querySelector('.word').textContent = say(language, result.valid ? 'valid' : 'invalid');
  const reason = section.querySelector('.reason');
  if (!result.valid) {
    const code = document.createElement('small');
    code.textContent = result.error;
    reason.append(`${say(language, 'failed')}: ${say(language, reasonKey(result))}`, code);
  }
  const list = section.querySelector('dl');
  const hcert = result.payload;
  if (!hcert) return;
  const name = hcert.nam ?? {};
  const parts = [name.fn, name.gn].filter((part) => typeof part === 'string' && part);
  const native = parts.join(/[\u0600-\u06ff]/.test(parts.join('')) ? '، ' : ', ');
  const icao = [name.fnt, name.gnt].filter((part) => typeof part === 'string' && part).join(', ');
  if (native) row(list, say(language, 'name'), native, 'auto');
  if (icao) row(list, say(language, 'nameICAO'), icao, 'ltr');
  row(list, say(language, 'birth'), String(hcert.dob ?? ''), 'ltr');
  const kind = details(hcert, result.type, language);
  if (kind.length) row(list, say(language, 'certificate'), kind.join(' · '));
  const entry = Array.isArray(hcert[result.type]) ? hcert[result.type][0] ?? {} : {};
  row(list, say(language, 'issuer'), [entry.co ?? result.country, entry.is].filter(Boolean).join(' · '));
  if (entry.ci) row(list, say(language, 'uvci'), String(entry.ci), 'ltr');
}

/// Removes every trace of the last certificate from the page.
export function clearVerdict(section) {
  section.hidden = true;
  delete section.dataset.verdict;
  delete section.dataset.check;
  delete section.dataset.error;
  section.querySelector('.word').textContent = '';
  section.querySelector('.reason').replaceChildren();
  section.querySelector('dl').replaceChildren();
}
