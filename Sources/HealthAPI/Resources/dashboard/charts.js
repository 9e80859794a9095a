// The three charts, drawn as inline SVG with DOM calls to the width they are given. Days run left to right,
// oldest first, in both languages. Each series has its own texture as well as its own colour (solid, stripes,
// lines, dots), so none depends on colour alone. A "<10" count is never drawn to scale: it is a short
// cross-hatched bar, outlined in its series' colour and labelled "<10". A withheld positivity leaves a gap in
// the line. Every bar and point carries a <title>; hovering, tapping or the arrow keys show a day's numbers in
// a tooltip.
import { isWithheld } from './api.js';
import { axisCount, countText, html, ltr, percent, svg, withheldTitle } from './dom.js';

/// How each count series is painted: a colour, and a texture on a light background.
export const SERIES = {
  tests: { colour: '#1f5fa8', texture: 'solid' },
  dose1: { colour: '#17785a', texture: 'solid' },
  dose2: { colour: '#2f57a0', background: '#d7e3f6', texture: 'lines' },
  booster: { colour: '#98326d', background: '#f6e1ed', texture: 'dots' },
  casesOpened: { colour: '#ad3f17', texture: 'solid' },
  isolating: { colour: '#5d3995', background: '#e8e0f4', texture: 'stripes' },
  quarantining: { colour: '#735500', background: '#f4e9c2', texture: 'dots' },
};
const POSITIVITY_COLOUR = '#c44d00';
const WITHHELD_INK = '#5b6470';

/// The charts, each of one or more panels sharing the days; a panel stacks its series' bars (bottom first) and
/// may draw positivity as a line on a right-hand scale. `details` are the numbers its tooltip gives.
export const CHARTS = [
  { id: 'tests', panels: [{ stack: ['tests'], line: true, height: 180 }], details: ['tests', 'positive', 'positivity'] },
  { id: 'doses', panels: [{ stack: ['dose1', 'dose2', 'booster'], height: 180 }], details: ['dose1', 'dose2', 'booster'] },
  {
    id: 'cases',
    panels: [
      { stack: ['casesOpened'], height: 76, label: true },
      { stack: ['isolating'], height: 76, label: true },
      { stack: ['quarantining'], height: 76, label: true },
    ],
    details: ['casesOpened', 'isolating', 'quarantining'],
  },
];

/// The height of a "<10" bar and the space between two of them.
const MARKER = 5;
const MARKER_GAP = 1;
/// Room above a panel's highest bar for "<10" bars stacked on it and their label.
const HEADROOM = 22;
const LABEL_ROOM = 16;
/// Four steps on every count scale, so the right-hand percentage scale can share the grid lines.
const STEPS = 4;

/// A round step for `STEPS` steps reaching at least `maximum` (and at least 10, so "<10" has a scale to sit on).
function countStep(maximum) {
  const rough = Math.max(maximum, 10) / STEPS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const multiples = magnitude >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  return multiples.map((m) => m * magnitude).find((step) => step >= rough);
}

/// A round step for the percentage scale; four steps never pass 100%.
function rateStep(maximum) {
  const steps = [0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25];
  return steps.find((step) => step * STEPS >= maximum) ?? 0.25;
}

const seriesName = (t, key) => t(`series.${key}`);
const paintId = (prefix, key) => `${prefix}-${key}`;
const paint = (prefix, key) => (SERIES[key].texture === 'solid' ? SERIES[key].colour : `url(#${paintId(prefix, key)})`);

/// The textures a chart (or a legend swatch) uses, as <pattern>s named after `prefix`.
function textures(prefix, keys) {
  const patterns = keys.filter((key) => SERIES[key].texture !== 'solid').map((key) => {
    const { colour, background, texture } = SERIES[key];
    const size = { stripes: [6, 6], lines: [6, 4], dots: [4, 4] }[texture];
    const pattern = svg('pattern', {
      id: paintId(prefix, key), width: size[0], height: size[1], patternUnits: 'userSpaceOnUse',
    }, svg('rect', { width: size[0], height: size[1], fill: background }));
    if (texture === 'stripes') {
      pattern.append(svg('path', { d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2', stroke: colour, 'stroke-width': 1.7 }));
    } else if (texture === 'lines') {
      pattern.append(svg('rect', { width: 6, height: 1.8, fill: colour }));
    } else {
      pattern.append(svg('circle', { cx: 2, cy: 2, r: 1.25, fill: colour }));
    }
    return pattern;
  });
  const withheld = svg('pattern', { id: paintId(prefix, 'few'), width: 4, height: 4, patternUnits: 'userSpaceOnUse' },
    svg('rect', { width: 4, height: 4, fill: '#fff' }),
    svg('path', { d: 'M0,0 L4,4 M4,0 L0,4', stroke: WITHHELD_INK, 'stroke-width': 0.8 }));
  return svg('defs', {}, patterns, withheld);
}

function titled(element, text) {
  element.append(svg('title', {}, text));
  return element;
}

/// The chart's <svg>, `width` pixels wide, for `days` (oldest first). `tooltip` is the page's tooltip element.
export function drawChart(chart, days, t, width, tooltip) {
  const n = Math.max(days.length, 1);
  const rtl = document.documentElement.dir === 'rtl';
  const hasLine = chart.panels.some((panel) => panel.line);
  const left = 44;
  const right = hasLine ? 46 : 12;
  const top = 4;
  const slot = Math.max(40, width - left - right) / n;
  const barWidth = slot >= 4 ? slot * 0.72 : Math.max(1, slot - 0.5);
  const slotStart = (i) => left + i * slot;
  const centre = (i) => slotStart(i) + slot / 2;
  let y = top;
  const panels = chart.panels.map((panel) => {
    const placed = { ...panel, top: y, plotTop: y + (panel.label ? LABEL_ROOM : 0) };
    placed.base = placed.plotTop + panel.height;
    y = placed.base + 12;
    return placed;
  });
  const lastBase = panels.at(-1).base;
  const height = lastBase + 26;
  const prefix = `chart-${chart.id}`;
  const root = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', role: 'img', tabindex: 0,
    'aria-label': t('chartLabel', { title: t(`charts.${chart.id}`), n: days.length }),
  });
  root.append(textures(prefix, chart.panels.flatMap((panel) => panel.stack)));
  const cursor = svg('rect', {
    class: 'cursor', x: 0, y: top, width: slot, height: lastBase - top, visibility: 'hidden',
  });
  root.append(cursor);

  for (const panel of panels) {
    const maximum = Math.max(0, ...days.map((day) => panel.stack.reduce((sum, key) => {
      const count = day.counts[key];
      return sum + (Number.isFinite(count) ? count : 0);
    }, 0)));
    const step = countStep(maximum);
    const span = panel.base - (panel.plotTop + HEADROOM);
    const yOf = (value) => panel.base - (value / (step * STEPS)) * span;
    const grid = svg('g', { class: 'axis' });
    for (let k = 0; k <= STEPS; k += 1) {
      const at = yOf(step * k);
      grid.append(svg('line', { class: k ? 'grid' : 'baseline', x1: left, x2: width - right, y1: at, y2: at }));
      // A short panel labels every other line only.
      if (panel.height >= 120 || k % 2 === 0) {
        grid.append(svg('text', { class: 'tick', x: left - 5, y: at + 3.5, 'text-anchor': 'end' }, axisCount(step * k)));
      }
    }
    root.append(grid);
    if (panel.label) {
      root.append(svg('text', {
        class: 'panel-label', x: rtl ? width - right : left, y: panel.top + 11, direction: rtl ? 'rtl' : 'ltr',
        'text-anchor': 'start',
      }, seriesName(t, panel.stack[0])));
    }
    root.append(drawBars(panel, days, t, { prefix, slotStart, slot, barWidth, yOf }));
    if (panel.line) root.append(drawPositivity(panel, days, t, { right, width, centre, slot, span }));
  }

  // Dates under the last panel: today's, then every `every` days back, as far apart as a date is wide.
  const every = [1, 2, 3, 7, 14, 28, 56, 91, 182].find((step) => step * slot >= 80) ?? n;
  const dates = svg('g', { class: 'axis' });
  for (let i = days.length - 1; i >= 0; i -= every) {
    dates.append(svg('line', { class: 'baseline', x1: centre(i), x2: centre(i), y1: lastBase, y2: lastBase + 4 }));
    const x = Math.min(Math.max(centre(i), 32), width - 32);
    dates.append(svg('text', { class: 'tick', x, y: lastBase + 16, 'text-anchor': 'middle' }, days[i].date));
  }
  root.append(dates);

  follow(root, chart, days, t, tooltip, { cursor, slot, slotStart, centre, width, top });
  return root;
}

/// One panel's bars: counts stacked to scale, then a short hatched bar for each "<10", and a "<10" label over
/// each run of days on which every series of the panel is below 10.
function drawBars(panel, days, t, { prefix, slotStart, slot, barWidth, yOf }) {
  const group = svg('g', { class: 'bars' });
  const outline = barWidth >= 4 ? 1 : 0.6;
  days.forEach((day, i) => {
    const x = slotStart(i) + (slot - barWidth) / 2;
    let stackTop = panel.base;
    const withheld = [];
    for (const key of panel.stack) {
      const count = day.counts[key];
      if (count === undefined) continue;
      if (isWithheld(count)) {
        withheld.push(key);
        continue;
      }
      const barTop = yOf(count) - (panel.base - stackTop);
      group.append(titled(svg('rect', {
        class: 'bar', 'data-series': key, 'data-date': day.date, 'data-value': countText(count),
        x, y: barTop, width: barWidth, height: stackTop - barTop, fill: paint(prefix, key),
        stroke: SERIES[key].colour, 'stroke-width': outline,
      }), `${day.date} · ${seriesName(t, key)}: ${countText(count)}`));
      stackTop = barTop;
    }
    for (const key of withheld) {
      stackTop -= MARKER;
      group.append(titled(svg('rect', {
        class: 'bar few', 'data-series': key, 'data-date': day.date, 'data-value': countText(day.counts[key], t),
        x, y: stackTop, width: barWidth, height: MARKER, fill: `url(#${paintId(prefix, 'few')})`,
        stroke: SERIES[key].colour, 'stroke-width': outline,
      }), `${day.date} · ${seriesName(t, key)}: ${countText(day.counts[key], t)} (${withheldTitle(day.counts[key], t)})`));
      stackTop -= MARKER_GAP;
    }
  });

  // Label runs of days on which every series is not shown, and not shown alike ("<10", or "withheld"), wide
  // enough for the text, about every 150 px along a long run.
  const labelOf = (day) => (panel.stack.every((key) => isWithheld(day.counts[key]))
    ? countText(day.counts[panel.stack[0]], t) : null);
  const labelY = panel.base - panel.stack.length * (MARKER + MARKER_GAP) - 4;
  let start = 0;
  for (let i = 0; i <= days.length; i += 1) {
    const label = start < days.length ? labelOf(days[start]) : null;
    if (i < days.length && label !== null && labelOf(days[i]) === label) continue;
    const length = i - start;
    const runWidth = length * slot;
    if (label !== null && length > 0 && runWidth >= 26) {
      const labels = Math.max(1, Math.floor(runWidth / 150));
      for (let k = 0; k < labels; k += 1) {
        const x = slotStart(start) + (runWidth * (k + 0.5)) / labels;
        group.append(svg('text', { class: 'few-label', x, y: labelY, 'text-anchor': 'middle' }, label));
      }
    }
    start = label !== null && i < days.length && labelOf(days[i]) !== null ? i : i + 1;
  }
  return group;
}

/// Positivity as a line on its own scale (right), broken where it is withheld; a point for every day it is shown.
function drawPositivity(panel, days, t, { right, width, centre, slot, span }) {
  const group = svg('g', { class: 'positivity' });
  const rates = days.map((day) => day.positivity);
  const step = rateStep(Math.max(0, ...rates.filter((rate) => rate !== null)));
  const yOf = (rate) => panel.base - (rate / (step * STEPS)) * span;
  const digits = Number.isInteger(Math.round(step * 1000) / 10) ? 0 : 1;
  for (let k = 0; k <= STEPS; k += 1) {
    group.append(svg('text', { class: 'tick rate', x: width - right + 5, y: yOf(step * k) + 3.5, 'text-anchor': 'start' },
      percent(step * k, digits)));
  }
  let path = '';
  rates.forEach((rate, i) => {
    if (rate === null) return;
    const joined = i > 0 && rates[i - 1] !== null;
    path += `${joined ? 'L' : 'M'}${centre(i).toFixed(1)},${yOf(rate).toFixed(1)}`;
  });
  group.append(svg('path', { class: 'line', d: path || 'M0,0', stroke: POSITIVITY_COLOUR, fill: 'none' }));
  const radius = slot >= 6 ? 3 : 2.2;
  rates.forEach((rate, i) => {
    if (rate === null) return;
    group.append(titled(svg('circle', {
      class: 'point', 'data-date': days[i].date, 'data-value': percent(rate), cx: centre(i), cy: yOf(rate), r: radius,
      fill: '#fff', stroke: POSITIVITY_COLOUR,
    }), `${days[i].date} · ${t('series.positivity')}: ${percent(rate)}`));
  });
  return group;
}

/// The tooltip's words for one day of a chart.
function describeDay(chart, day, t) {
  const rows = chart.details.map((key) => {
    let value;
    if (key === 'positivity') value = day.positivity === null ? t('withheld') : ltr(percent(day.positivity));
    else value = ltr(countText(day.counts[key], t));
    return html('span', { class: 'row' }, `${seriesName(t, key)}: `, value);
  });
  return [html('strong', {}, ltr(day.date)), ...rows];
}

/// The chart's tooltip follows the pointer, a tap, or the arrow keys (Home and End for the first and last day).
function follow(root, chart, days, t, tooltip, { cursor, slot, slotStart, centre, width, top }) {
  let current = -1;
  const scale = () => root.getBoundingClientRect().width / width;
  const indexAt = (clientX) => {
    const x = (clientX - root.getBoundingClientRect().left) / scale();
    return Math.min(days.length - 1, Math.max(0, Math.floor((x - slotStart(0)) / slot)));
  };
  const show = (index, point) => {
    if (!days.length) return;
    current = index;
    root.dataset.day = String(index);
    hideTooltip(tooltip);
    cursor.setAttribute('x', slotStart(index));
    cursor.setAttribute('visibility', 'visible');
    tooltip.replaceChildren(...describeDay(chart, days[index], t));
    tooltip.hidden = false;
    const box = root.getBoundingClientRect();
    const at = point ?? { x: box.left + centre(index) * scale(), y: box.top + top + 24 };
    const { offsetWidth: w, offsetHeight: h } = tooltip;
    let x = at.x + 14;
    if (x + w > window.innerWidth - 4) x = at.x - 14 - w;
    let y = at.y - h - 12;
    if (y < 4) y = at.y + 18;
    tooltip.style.left = `${Math.max(4, x)}px`;
    tooltip.style.top = `${Math.min(y, window.innerHeight - h - 4)}px`;
  };
  const hide = () => hideTooltip(tooltip);
  root.addEventListener('pointermove', (event) => show(indexAt(event.clientX), { x: event.clientX, y: event.clientY }));
  root.addEventListener('pointerdown', (event) => show(indexAt(event.clientX), { x: event.clientX, y: event.clientY }));
  // A finger lifted leaves the day shown until the next tap elsewhere; a mouse leaving hides it.
  root.addEventListener('pointerleave', (event) => {
    if (event.pointerType !== 'touch' && document.activeElement !== root) hide();
  });
  root.addEventListener('focus', () => {
    // A chart drawn again (a new width) while it had the focus starts from the day the old one showed.
    const kept = Number.parseInt(root.dataset.day ?? '', 10);
    show(current >= 0 ? current : Number.isInteger(kept) && kept < days.length ? kept : days.length - 1);
  });
  root.addEventListener('blur', hide);
  // The page scrolled under a chart that has the keyboard focus: the tooltip goes with the day.
  root.addEventListener('reposition', () => {
    if (current >= 0) show(current);
  });
  root.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: days.length - 1 };
    if (event.key === 'Escape') {
      hide();
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    show(Math.min(days.length - 1, Math.max(0, moves[event.key])));
  });
}

/// Hides the tooltip and every chart's highlighted day.
export function hideTooltip(tooltip) {
  tooltip.hidden = true;
  for (const cursor of document.querySelectorAll('.chart-svg .cursor')) cursor.setAttribute('visibility', 'hidden');
}

/// A small picture of a series for the legend (its own <defs>, so it draws even when the chart is hidden).
function swatch(id, keys, ...shapes) {
  return svg('svg', { class: 'swatch', width: 22, height: 14, viewBox: '0 0 22 14', 'aria-hidden': 'true' },
    id ? textures(id, keys) : null, ...shapes);
}

/// The legend of a chart: its series, the "<10" bar, and for positivity the line and what a gap in it means.
export function legendItems(chart, t) {
  const items = chart.panels.flatMap((panel) => panel.stack).map((key) => {
    const id = `legend-${chart.id}-${key}`;
    return html('li', {}, swatch(id, [key], svg('rect', {
      x: 1, y: 2, width: 20, height: 10, fill: paint(id, key), stroke: SERIES[key].colour, 'stroke-width': 1,
    })), seriesName(t, key));
  });
  if (chart.panels.some((panel) => panel.line)) {
    items.push(html('li', {}, swatch(null, [],
      svg('path', { d: 'M1,10 L11,4 L21,7', stroke: POSITIVITY_COLOUR, 'stroke-width': 2, fill: 'none' }),
      svg('circle', { cx: 11, cy: 4, r: 2.6, fill: '#fff', stroke: POSITIVITY_COLOUR, 'stroke-width': 1.5 })),
    t('positivityKey')));
    items.push(html('li', {}, swatch(null, [],
      svg('path', { d: 'M1,9 L7,5 M15,6 L21,4', stroke: POSITIVITY_COLOUR, 'stroke-width': 2, fill: 'none' })),
    t('lineGap')));
  }
  const fewId = `legend-${chart.id}-few`;
  items.push(html('li', {}, swatch(fewId, [], svg('rect', {
    x: 1, y: 7, width: 20, height: 5, fill: `url(#${paintId(fewId, 'few')})`, stroke: WITHHELD_INK, 'stroke-width': 1,
  })), ltr('<10'), ' ', t('few')));
  // Tests are withheld where the day's negatives would be below 10: drawn as "<10" is, and said so apart.
  if (chart.panels.some((panel) => panel.line)) {
    const withheldId = `legend-${chart.id}-withheld`;
    items.push(html('li', {}, swatch(withheldId, [], svg('rect', {
      x: 1, y: 7, width: 20, height: 5, fill: `url(#${paintId(withheldId, 'few')})`, stroke: WITHHELD_INK,
      'stroke-width': 1,
    })), t('withheldTitle')));
  }
  return items;
}
