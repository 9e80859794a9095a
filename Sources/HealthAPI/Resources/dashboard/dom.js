// Small helpers for building the page with DOM calls (the page's Content-Security-Policy allows no inline
// markup or styles), and for writing numbers, dates and percentages the same way everywhere.
import { isWithheld } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) element.append(child);
  }
  return element;
}

/// An HTML element: html('td', {class: 'n'}, 'text', otherNode).
export const html = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);

/// An SVG element, the same way.
export const svg = (tag, attributes, ...children) => build(document.createElementNS(SVG, tag), attributes, children);

/// Text kept left to right inside Arabic: dates, counts, "<10", percentages.
export const ltr = (text) => html('bdi', { dir: 'ltr' }, text);

/// A translated template whose {placeholders} are replaced by the given nodes or strings.
export function fill(template, values) {
  return template.split(/(\{\w+\})/).filter(Boolean).map((part) => {
    const name = part.match(/^\{(\w+)\}$/)?.[1];
    return name && name in values ? values[name] : part;
  });
}

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/// A count as the page writes it: "1,234", "<10" exactly as the API gave it, or "withheld" in the page's language;
/// "" when the answer left it out.
export function countText(count, t) {
  if (count === undefined) return '';
  if (count === 'withheld') return t('withheld');
  return isWithheld(count) ? count : WHOLE.format(count);
}

/// The title of a count not shown as a number.
export const withheldTitle = (count, t) => t(count === 'withheld' ? 'withheldTitle' : 'fewTitle');

/// An axis label: "800", "1,500", "25K".
export const axisCount = (value) => (value >= 10_000 ? COMPACT.format(value) : WHOLE.format(value));

/// A rate as a percentage, "12.5%"; `digits` decimals.
export const percent = (rate, digits = 1) => `${(rate * 100).toFixed(digits)}%`;
