// The country being entered, whose entry rules a check applies: the server's own (<html data-country>) unless the
// officer picks another country that has entry rules. The pick lasts for the browser session; nothing else is kept.
import { countryName } from './i18n.js';

const KEY = 'border-verifier.destination';
const home = () => document.documentElement.dataset.country ?? '';

/// The destination in force: the session's pick when it is still offered, else the server's country.
export function currentDestination(offered) {
  const picked = sessionStorage.getItem(KEY);
  return picked && offered.includes(picked) ? picked : home() || offered[0] || '';
}

/// The server's country and those with Acceptance rules, sorted.
export const offeredDestinations = (countries) => [...new Set([home(), ...countries].filter(Boolean))].sort();

/// Fills the select with the offered countries named in `language`, the current one selected.
export function showDestinations(select, offered, current, language) {
  select.replaceChildren(
    ...offered.map((code) => new Option(countryName(code, language), code, false, code === current)),
  );
  select.value = current;
}

export function pickDestination(code) {
  sessionStorage.setItem(KEY, code);
}
