// The table view: every number of every day, newest first, "<10" written as the API gives it.
import { isWithheld } from './api.js';
import { countText, fill, html, ltr, percent, withheldTitle } from './dom.js';

const COLUMNS = [
  'tests', 'positive', 'positivity', 'dose1', 'dose2', 'booster', 'casesOpened', 'isolating', 'quarantining',
  'bookings', 'checkInsMissed', 'keysPublished',
];

function cell(day, key, t) {
  if (key === 'positivity') {
    if (day.positivity === null) {
      return html('td', { class: 'n withheld', 'data-key': key, title: t('withheld') },
        html('span', { 'aria-hidden': 'true' }, '—'), html('span', { class: 'visually-hidden' }, t('withheld')));
    }
    return html('td', { class: 'n', 'data-key': key }, ltr(percent(day.positivity)));
  }
  const count = day.counts[key];
  if (isWithheld(count)) {
    return html('td', { class: 'n few', 'data-key': key, title: withheldTitle(count, t) }, ltr(countText(count, t)));
  }
  return html('td', { class: 'n', 'data-key': key }, ltr(countText(count)));
}

/// Fills `table` with the days (given oldest first), and `note` with how to read it; columns the answer left out
/// are not shown.
export function drawTable(table, note, days, t) {
  const columns = COLUMNS.filter((key) => key === 'positivity' || days.some((day) => day.counts[key] !== undefined));
  note.replaceChildren(...fill(t('tableNote'), { few: ltr('<10'), dash: '—' }));
  table.replaceChildren(
    html('caption', { class: 'visually-hidden' }, t('tableCaption')),
    html('thead', {}, html('tr', {},
      html('th', { scope: 'col' }, t('date')),
      columns.map((key) => html('th', { scope: 'col', 'data-key': key }, t(`series.${key}`))))),
    html('tbody', {}, [...days].reverse().map((day) => html('tr', { 'data-date': day.date },
      html('th', { scope: 'row' }, ltr(day.date)),
      columns.map((key) => cell(day, key, t))))),
  );
}
