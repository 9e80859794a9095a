// Shows a verdict across the screen, as the EU verifier apps do: ✓ VALID (green), ! NOT VALID FOR ENTRY (amber, with
// each entry rule the certificate fails) or ✗ INVALID (red, with the failing check in words); then who the
// certificate is for and what it certifies. Only the DOM holds these, until the page clears them.
import { countryName, say } from './i18n.js';
import { nameRows } from './names.js';
import { SHC_ORDER } from './shc.js';
import { STEPS } from './verify.js';

const FORMAT_STEPS = ['prefix', 'base45', 'decompress', 'cose', 'numeric', 'inflate', 'jws'];
const SYMBOLS = { valid: '✓', 'not-valid-for-entry': '!', invalid: '✗' };

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
export const failingCheck = (result) =>
  (result.format === 'shc' ? SHC_ORDER : STEPS).find((step) => result.checks[step] === false) ?? null;

/// The words for the failing check.
function reasonKey(result) {
  const step = failingCheck(result);
  if (result.error === 'no-trust-list') return 'checks.noLists';
  if (result.error === 'no-issuer-list') return 'checks.noIssuers';
  if (step === null || FORMAT_STEPS.includes(step)) return 'checks.format';
  if (step === 'expiry' || step === 'nbf') {
    return result.error === 'not-yet-valid' ? 'checks.notYetValid' : 'checks.expiry';
  }
  return `checks.${step}`;
}

function element(tag, text, className = null) {
  const node = document.createElement(tag);
  if (text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/// Text in its own direction, kept in one piece: a date reads 2026-12-05 in Arabic text too, never split or reversed.
function isolated(text, direction = 'ltr', className = 'whole') {
  const node = element('bdi', String(text ?? ''), className);
  node.dir = direction;
  return node;
}

const two = (n) => String(n).padStart(2, '0');
/// A date-time as YYYY-MM-DD HH:MM in the device's time zone; other text as given.
function when(text) {
  const date = new Date(text);
  if (typeof text !== 'string' || !text.includes('T') || Number.isNaN(date.getTime())) return isolated(text);
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return isolated(`${day} ${two(date.getHours())}:${two(date.getMinutes())}`);
}

/// A sentence of the page's words with {placeholders} filled by text or nodes.
function phrase(language, key, values) {
  const marks = Object.fromEntries(Object.keys(values).map((name) => [name, `\u0000${name}\u0000`]));
  const template = say(language, key, marks);
  return template.split('\u0000').map((part, i) => (i % 2 ? values[part] : part)).filter((part) => part !== '');
}

function details(hcert, type, language) {
  const entry = Array.isArray(hcert?.[type]) ? hcert[type][0] ?? {} : {};
  if (type === 'v') {
    const product = PRODUCTS[entry.mp] ? `${PRODUCTS[entry.mp]} (${entry.mp})` : String(entry.mp ?? '');
    return [[say(language, 'vaccination')], [say(language, 'dose', { n: entry.dn, m: entry.sd })], [product],
      phrase(language, 'vaccinated', { date: isolated(entry.dt) })];
  }
  if (type === 't') {
    return [[say(language, 'test')], [say(language, TEST_TYPES[entry.tt] ?? String(entry.tt ?? ''))],
      [say(language, TEST_RESULTS[entry.tr] ?? String(entry.tr ?? ''))],
      phrase(language, 'sampled', { date: when(entry.sc) })];
  }
  if (type === 'r') {
    return [[say(language, 'recovery')],
      phrase(language, 'recoveryValid', { from: isolated(entry.df), until: isolated(entry.du) })];
  }
  return [];
}

/// A row of the list: `lines` are text (isolated in `direction`) or arrays of text and nodes.
function row(list, label, lines, direction = 'auto', className = null) {
  const description = element('dd', null, className);
  for (const line of lines) {
    const holder = element('span', null, 'line');
    holder.append(...(Array.isArray(line) ? line : [isolated(line, direction, null)]));
    description.append(holder);
  }
  list.append(element('dt', label), description);
}

function showReason(section, result, language, destination) {
  const reason = section.querySelector('.reason');
  const country = countryName(destination, language);
  if (result.verdict === 'invalid') {
    const code = element('small', result.error);
    reason.append(`${say(language, 'failed')}: ${say(language, reasonKey(result))}`, code);
    return;
  }
  const failed = result.rules.filter((rule) => !rule.passed);
  if (!failed.length) {
    const n = result.rules.length;
    reason.textContent = say(language, n ? 'rulesMet' : 'noRules', { country, n });
    return;
  }
  reason.textContent = say(language, 'rulesFailed', { country });
  const list = section.querySelector('.rules');
  for (const rule of failed) {
    const item = element('li', null);
    item.dataset.rule = rule.identifier;
    item.append(isolated(rule.description, 'auto', null), ' ', isolated(rule.identifier, 'ltr', 'identifier'));
    list.append(item);
  }
}

/// Fills the verdict section from a verification result (verdict, error, checks, rules, payload) checked for entry
/// into `destination`.
export function showVerdict(section, result, language, destination) {
  clearVerdict(section);
  const { verdict } = result;
  section.hidden = false;
  section.dataset.verdict = verdict;
  section.dataset.check = failingCheck(result) ?? '';
  section.dataset.error = result.error ?? '';
  section.dataset.format = result.format ?? 'hc1';
  section.dataset.checks = JSON.stringify(result.checks);
  section.dataset.failedRules = result.rules.filter((rule) => !rule.passed).map((rule) => rule.identifier).join(' ');
  section.querySelector('.symbol').textContent = SYMBOLS[verdict];
  section.querySelector('.label').textContent = say(language, verdict);
  showReason(section, result, language, destination);
  const list = section.querySelector('dl');
  const hcert = result.payload;
  if (!hcert) return;
  for (const name of nameRows(hcert.nam)) {
    row(list, say(language, name.label), name.lines, name.kind === 'icao' ? 'ltr' : 'auto', `name ${name.kind}`);
  }
  row(list, say(language, 'birth'), [String(hcert.dob ?? '')], 'ltr', 'whole');
  const kind = details(hcert, result.type, language);
  if (kind.length) row(list, say(language, 'certificate'), [kind.flatMap((part, i) => (i ? [' · ', ...part] : part))]);
  const entry = Array.isArray(hcert[result.type]) ? hcert[result.type][0] ?? {} : {};
  const issuer = entry.co || result.country;
  const by = [issuer && countryName(issuer, language), entry.is && isolated(entry.is, 'auto', null)].filter(Boolean);
  row(list, say(language, 'issuer'), [by.flatMap((part, i) => (i ? [' · ', part] : [part]))]);
  if (entry.ci) row(list, say(language, 'uvci'), [String(entry.ci)], 'ltr');
}

/// Removes every trace of the last certificate from the page.
export function clearVerdict(section) {
  section.hidden = true;
  const data = ['verdict', 'check', 'error', 'format', 'checks', 'failedRules', 'shownAt'];
  for (const name of data) delete section.dataset[name];
  for (const part of ['.symbol', '.label']) section.querySelector(part).textContent = '';
  for (const part of ['.reason', '.rules', 'dl']) section.querySelector(part).replaceChildren();
}
