// The operators' statistics dashboard: asks for a token (kept in sessionStorage, so only for this tab), loads
// the last 90 days of GET /v1/statistics/daily and draws them as charts or a table, in English or Arabic.
import { LoadError, loadDaily } from './api.js';
import { CHARTS, drawChart, hideTooltip, legendItems } from './charts.js';
import { fill, ltr } from './dom.js';
import { browserLanguage, isRightToLeft, LANGUAGES, translator } from './i18n.js';
import { drawTable } from './table.js';

const TOKEN_KEY = 'dashboard.token';
const LANGUAGE_KEY = 'dashboard.language';

const $ = (selector) => document.querySelector(selector);
const page = {
  language: $('#language'),
  signOut: $('#sign-out'),
  form: $('#sign-in'),
  token: $('#token'),
  prompt: $('#prompt-message'),
  statistics: $('#statistics'),
  status: $('#status'),
  problem: $('#load-message'),
  problemText: $('#load-message .text'),
  retry: $('#retry'),
  refresh: $('#refresh'),
  view: $('#view'),
  charts: $('#charts'),
  tableView: $('#table-view'),
  table: $('#numbers'),
  tableNote: $('#table-note'),
  tooltip: $('#tooltip'),
};

/// Web Storage can be switched off; the page then keeps the token in memory, which is gone on reload.
const storage = {
  memory: new Map(),
  get(area, key) {
    try {
      return window[area].getItem(key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  },
  set(area, key, value) {
    try {
      if (value === null) window[area].removeItem(key);
      else window[area].setItem(key, value);
    } catch {
      if (value === null) this.memory.delete(key);
      else this.memory.set(key, value);
    }
  },
};
const token = () => storage.get('sessionStorage', TOKEN_KEY);

const state = {
  language: LANGUAGES.includes(storage.get('localStorage', LANGUAGE_KEY)) ? storage.get('localStorage', LANGUAGE_KEY)
    : browserLanguage(),
  /// {from, to, days, loadedAt} once loaded.
  statistics: null,
  view: 'charts',
  loading: false,
  /// The message at the token prompt: a key of the words, and whether it is an error.
  prompt: null,
  /// The LoadError of the last load while signed in (the server unreachable, say).
  problem: null,
  /// Counts loads, so an answer to an older one (before a sign-out, say) is dropped.
  generation: 0,
  chartsWidth: 0,
};

const t = () => translator(state.language);

/// Everything but the charts and table: words, which part shows, messages and the status line.
function renderFrame() {
  const say = t();
  const root = document.documentElement;
  root.lang = state.language;
  root.dir = isRightToLeft(state.language) ? 'rtl' : 'ltr';
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = say(element.dataset.text);
  page.language.lang = LANGUAGES.find((language) => language !== state.language);
  document.title = say('title');

  const signedIn = Boolean(token());
  page.form.hidden = signedIn;
  page.statistics.hidden = !signedIn;
  page.signOut.hidden = !signedIn;
  page.prompt.hidden = !state.prompt;
  page.prompt.classList.toggle('info', state.prompt?.info === true);
  page.prompt.textContent = state.prompt ? say(state.prompt.key) : '';

  if (state.loading) {
    page.status.replaceChildren(say('loading'));
  } else if (state.statistics) {
    const { from, to, days, loadedAt } = state.statistics;
    page.status.replaceChildren(...fill(say('range'), {
      from: ltr(from), to: ltr(to), n: String(days.length), time: ltr(loadedAt.toISOString().slice(11, 16)),
    }));
  } else {
    page.status.replaceChildren();
  }
  page.statistics.setAttribute('aria-busy', String(state.loading));
  page.refresh.disabled = state.loading;
  page.problem.hidden = !state.problem;
  page.problemText.textContent = state.problem
    ? say(`errors.${state.problem.reason}`, { status: state.problem.status }) : '';

  page.view.textContent = say(state.view === 'charts' ? 'showTable' : 'showCharts');
  page.view.setAttribute('aria-pressed', String(state.view === 'table'));
  page.view.disabled = !state.statistics;
  page.charts.hidden = state.view !== 'charts' || !state.statistics;
  page.tableView.hidden = state.view !== 'table' || !state.statistics;
}

function drawCharts() {
  hideTooltip(page.tooltip);
  const focused = document.activeElement?.classList?.contains('chart-svg') ? document.activeElement : null;
  const say = t();
  for (const chart of CHARTS) {
    const figure = $(`#chart-${chart.id}`);
    const plot = figure.querySelector('.plot');
    const legend = figure.querySelector('.legend');
    if (!state.statistics) {
      plot.replaceChildren();
      legend.replaceChildren();
      continue;
    }
    legend.replaceChildren(...legendItems(chart, say));
    const width = Math.floor(plot.clientWidth);
    if (width <= 0) continue;
    const drawn = drawChart(chart, state.statistics.days, say, width, page.tooltip);
    const old = plot.querySelector('.chart-svg');
    if (old?.dataset.day) drawn.dataset.day = old.dataset.day;
    plot.replaceChildren(drawn);
    if (old && old === focused) drawn.focus();
  }
  state.chartsWidth = page.charts.clientWidth;
}

/// The charts (when shown) and the table, from the loaded days; emptied when there are none.
function renderStatistics() {
  if (state.statistics) {
    drawTable(page.table, page.tableNote, state.statistics.days, t());
  } else {
    page.table.replaceChildren();
    page.tableNote.replaceChildren();
  }
  if (!page.charts.hidden || !state.statistics) drawCharts();
}

async function load() {
  const current = token();
  if (!current) return;
  const generation = ++state.generation;
  state.loading = true;
  state.problem = null;
  renderFrame();
  try {
    const statistics = await loadDaily(current);
    if (generation !== state.generation) return;
    state.statistics = { ...statistics, loadedAt: new Date() };
    state.loading = false;
    renderFrame();
    renderStatistics();
  } catch (error) {
    if (generation !== state.generation) return;
    if (!(error instanceof LoadError)) console.error(error);
    const problem = error instanceof LoadError ? error : new LoadError('unreadable');
    state.loading = false;
    if (problem.refusesToken) {
      signOut({ key: `errors.${problem.reason}`, info: false });
    } else {
      state.problem = problem;
      renderFrame();
    }
  }
}

/// Forgets the token and the numbers and asks for a token again, with `message`.
function signOut(message) {
  storage.set('sessionStorage', TOKEN_KEY, null);
  state.generation += 1;
  state.loading = false;
  state.statistics = null;
  state.problem = null;
  state.prompt = message;
  renderFrame();
  renderStatistics();
  page.token.value = '';
  page.token.focus();
}

page.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const typed = page.token.value.trim();
  page.token.value = '';
  if (!typed) {
    state.prompt = { key: 'errors.missing-token', info: false };
    renderFrame();
    page.token.focus();
    return;
  }
  storage.set('sessionStorage', TOKEN_KEY, typed);
  state.prompt = null;
  load().then(() => {
    if (state.statistics) page.statistics.focus();
  });
});

page.signOut.addEventListener('click', () => signOut({ key: 'signedOut', info: true }));
page.refresh.addEventListener('click', () => load());
page.retry.addEventListener('click', () => load());

page.view.addEventListener('click', () => {
  state.view = state.view === 'charts' ? 'table' : 'charts';
  renderFrame();
  if (state.view === 'charts') drawCharts();
  else hideTooltip(page.tooltip);
});

page.language.addEventListener('click', () => {
  state.language = LANGUAGES.find((language) => language !== state.language);
  storage.set('localStorage', LANGUAGE_KEY, state.language);
  renderFrame();
  renderStatistics();
});

// Charts are drawn to their width: again when it changes (a turned phone, a resized window, shown again).
new ResizeObserver(() => {
  const width = page.charts.clientWidth;
  if (width > 0 && width !== state.chartsWidth && state.statistics) drawCharts();
}).observe(page.charts);

// A tooltip left by a tap goes with the next tap elsewhere, or when the page scrolls under it.
document.addEventListener('pointerdown', (event) => {
  if (!event.target.closest?.('.chart-svg')) hideTooltip(page.tooltip);
});
window.addEventListener('scroll', () => {
  const focused = document.activeElement;
  if (focused?.classList?.contains('chart-svg')) focused.dispatchEvent(new Event('reposition'));
  else hideTooltip(page.tooltip);
}, { passive: true });

renderFrame();
if (token()) load();
else page.token.focus();
