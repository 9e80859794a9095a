// The border verifier page: one field that always has the focus (a scanner types the HC1 or shc:/ text and Enter
// into it), paste, or the camera; the verdict, for entry into the chosen country, fills the screen and is cleared
// after 60 s, at the next scan or when the destination changes. The chunks of a multi-part card are collected, one
// per scan or several in one paste, until the card is whole.
import { cameraAvailable, scanWithCamera } from './camera.js';
import { currentDestination, offeredDestinations, pickDestination, showDestinations } from './destination.js';
import { direction, preferredLanguage, say } from './i18n.js';
import { issuersFrom } from './issuers.js';
import { STALE_AFTER_MS, downloadLists, storedLists } from './lists.js';
import { describe, destinations, readRules } from './rules.js';
import { SHC_PREFIX, verifySHC } from './shc.js';
import { trustListFrom } from './trust.js';
import { valueSetsFrom } from './valuesets.js';
import { verifyHC1 } from './verify.js';
import { clearVerdict, showVerdict } from './view.js';

const CLEAR_AFTER_MS = 60 * 1000;
/// How often the lists are refreshed while the page is open and online.
const REFRESH_EVERY_MS = 15 * 60 * 1000;

const $ = (selector) => document.querySelector(selector);
const state = {
  language: preferredLanguage(),
  lists: null,
  trust: null,
  valueSets: null,
  rules: null,
  issuers: null,
  outdated: false,
  destination: '',
  result: null,
  clearTimer: null,
  stopCamera: null,
  /// The chunks of a multi-part card read so far: i → text, all of `of` parts.
  chunks: { of: null, parts: new Map(), last: null },
};
const field = $('#hc1');
const verdict = $('#verdict');
const destination = $('#destination');

function applyLanguage() {
  document.documentElement.lang = state.language;
  document.documentElement.dir = direction(state.language);
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = say(state.language, element.dataset.text);
  }
  field.placeholder = say(state.language, 'prompt');
  field.setAttribute('aria-label', say(state.language, 'prompt'));
  fieldDirection();
  showDestinationChoice();
  if (state.result) {
    for (const outcome of state.result.rules) outcome.description = describe(outcome.rule, state.language);
    showVerdict(verdict, state.result, state.language, state.destination);
  }
  showListStatus();
  showChunks();
}

/// The prompt reads in the page's direction; HC1 text, left to right.
function fieldDirection() {
  field.dir = field.value ? 'ltr' : direction(state.language);
}

function showDestinationChoice() {
  const offered = offeredDestinations(state.rules ? destinations(state.rules) : []);
  state.destination = currentDestination(offered);
  showDestinations(destination, offered, state.destination, state.language);
}

function age(ms) {
  const minutes = Math.max(0, Math.round(ms / 60000));
  if (minutes < 120) return say(state.language, 'minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return say(state.language, 'hours', { n: hours });
  return say(state.language, 'days', { n: Math.round(hours / 24) });
}

function showListStatus() {
  const status = $('#lists');
  if (!state.lists) {
    status.dataset.state = state.outdated ? 'outdated' : 'none';
    status.textContent = say(state.language, state.outdated ? 'listsOutdated' : 'listsNone');
    return;
  }
  const elapsed = Date.now() - state.lists.downloadedAt;
  const stale = elapsed > STALE_AFTER_MS;
  status.dataset.state = stale ? 'stale' : 'fresh';
  status.dataset.downloadedAt = String(state.lists.downloadedAt);
  // Each revoked certificate is listed once per hash type: count the hash type that lists the most.
  const perType = {};
  for (const batch of state.lists.revocation) {
    perType[batch.hashType] = (perType[batch.hashType] ?? 0) + batch.entries.length;
  }
  const revoked = Math.max(0, ...Object.values(perType));
  status.textContent = say(state.language, stale ? 'listsStale' : 'listsAge', {
    age: age(elapsed),
    signers: state.trust?.size ?? 0,
    revoked,
    rules: state.rules.length,
  });
}

/// Reads the lists; throws when one is not what the server serves, so a bad download never replaces a good one.
function readLists(lists) {
  if (!Array.isArray(lists.revocation)) throw new Error('the revocation list is not an array');
  const rules = readRules(lists.rules);
  // A set an older page stored has no issuers: it still checks HC1, and a card asks for a refresh.
  const issuers = 'issuers' in lists ? issuersFrom(lists.issuers) : null;
  return { lists, trust: trustListFrom(lists.trust), valueSets: valueSetsFrom(lists.valueSets), rules, issuers };
}

function useLists(lists) {
  Object.assign(state, readLists(lists));
  state.outdated = false;
  showDestinationChoice();
  showListStatus();
}

async function refreshLists() {
  try {
    useLists(await downloadLists(readLists));
  } catch {
    showListStatus();
  }
}

function clearResult() {
  clearTimeout(state.clearTimer);
  state.result = null;
  clearVerdict(verdict);
}

/// The chunk header of a multi-part card's text: i, n.
const CHUNK_HEADER = /^shc:\/(\d+)\/(\d+)\//;

function showChunks() {
  const status = $('#chunks');
  const { of, parts, last } = state.chunks;
  status.hidden = of === null;
  status.dataset.have = String(parts.size);
  status.textContent = of === null ? '' : say(state.language, 'chunk', { i: last, n: of, have: parts.size });
}

function forgetChunks() {
  state.chunks = { of: null, parts: new Map(), last: null };
  showChunks();
}

/// The shc:/ texts to verify now (a whole card, all its chunks, or texts that cannot make one card), or null while
/// a multi-part card lacks some chunks.
function gather(text) {
  const pieces = text.split(/(?=shc:\/)/i).map((piece) => piece.trim()).filter(Boolean);
  const heads = pieces.map((piece) => CHUNK_HEADER.exec(piece));
  if (!heads.every((head) => head && head[2] === heads[0][2])) {
    forgetChunks();
    return pieces;
  }
  const of = Number(heads[0][2]);
  if (state.chunks.of !== of) state.chunks = { of, parts: new Map(), last: null };
  heads.forEach((head, k) => state.chunks.parts.set(Number(head[1]), pieces[k]));
  state.chunks.last = Number(heads.at(-1)[1]);
  if (state.chunks.parts.size < of) return null;
  const card = [...state.chunks.parts.values()];
  forgetChunks();
  return card;
}

async function check(text) {
  clearResult();
  if (!text.trim()) return;
  // By its prefix only: S, H, C, ':' and '/' are Base45 characters too, so a DCC's text may hold "SHC:/".
  const shc = text.trim().toLowerCase().startsWith(SHC_PREFIX);
  const card = shc ? gather(text) : null;
  if (!shc) forgetChunks();
  if (shc && card === null) {
    showChunks();
    // The chunks read so far are forgotten as a verdict is.
    state.clearTimer = setTimeout(forgetChunks, CLEAR_AFTER_MS);
    return;
  }
  const { rules, lists, destination: country, language } = state;
  const entry = { rules, valueSets: lists?.valueSets, destination: country, language };
  if (shc && state.issuers) {
    state.result = await verifySHC(card, { issuers: state.issuers, entry });
  } else if (shc) {
    state.result = { verdict: 'invalid', error: 'no-issuer-list', format: 'shc', checks: {}, payload: null, rules: [] };
  } else if (state.trust) {
    const options = { trust: state.trust, valueSets: state.valueSets, revocations: lists.revocation, entry };
    state.result = await verifyHC1(text, options);
  } else {
    state.result = { verdict: 'invalid', error: 'no-trust-list', checks: { kid: false }, payload: null, rules: [] };
  }
  showVerdict(verdict, state.result, state.language, state.destination);
  // For measuring Enter → verdict (a browser test reads it); the paint follows within a frame.
  verdict.dataset.shownAt = String(performance.now());
  state.clearTimer = setTimeout(clearResult, CLEAR_AFTER_MS);
}

/// Back to the scan field, unless the officer is choosing a destination.
function keepFocus() {
  const choosing = document.activeElement === destination;
  if (document.activeElement !== field && !state.stopCamera && !choosing) field.focus({ preventScroll: true });
}

$('#scan').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = field.value;
  field.value = '';
  fieldDirection();
  check(text);
});
field.addEventListener('paste', () => setTimeout(() => $('#scan').requestSubmit(), 0));
field.addEventListener('blur', () => setTimeout(keepFocus, 0));
field.addEventListener('input', fieldDirection);
// A scanner typing while the destination list has the focus types into the field, never picks a country.
document.addEventListener('keydown', (event) => {
  const typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
  if (typing && document.activeElement === destination) field.focus({ preventScroll: true });
  else keepFocus();
});

destination.addEventListener('change', () => {
  pickDestination(destination.value);
  state.destination = destination.value;
  clearResult();
  field.focus({ preventScroll: true });
});
destination.addEventListener('blur', () => setTimeout(keepFocus, 0));

$('#language').addEventListener('click', () => {
  state.language = state.language === 'ar' ? 'en' : 'ar';
  applyLanguage();
  keepFocus();
});

if (cameraAvailable()) {
  const button = $('#camera');
  button.hidden = false;
  button.addEventListener('click', async () => {
    if (state.stopCamera) {
      state.stopCamera();
      state.stopCamera = null;
      button.dataset.text = 'camera';
    } else {
      clearResult();
      button.dataset.text = 'stopCamera';
      state.stopCamera = await scanWithCamera($('#video'), (text) => {
        state.stopCamera = null;
        button.dataset.text = 'camera';
        applyLanguage();
        check(text);
      }).catch(() => null);
    }
    applyLanguage();
    keepFocus();
  });
}

applyLanguage();
keepFocus();
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/verifier/sw.js', { scope: '/verifier' });
storedLists()
  .then((lists) => {
    // Lists an older page stored without rules are not used; the refresh replaces them.
    state.outdated = Boolean(lists) && !('rules' in lists);
    if (lists && !state.outdated) useLists(lists);
  })
  .catch(() => {})
  .finally(refreshLists);
window.addEventListener('online', refreshLists);
setInterval(refreshLists, REFRESH_EVERY_MS);
setInterval(showListStatus, 60 * 1000);
