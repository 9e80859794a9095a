// The holder's name as an officer compares it with a passport: the name as written (fn, gn), and the Latin form of
// the machine readable zone (fnt, gnt), shown as printed and, on a second line, as in the zone. That Latin form is
// labelled the passport's only when the certificate also gives a different Latin name; when it is the only Latin
// form (no fn/gn, the same letters, or fn/gn in another script) it may be the ICAO table's output, not the passport's.

const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;
const ARABIC = /[\u0600-\u06ff]/;

const text = (value) => (typeof value === 'string' ? value.trim() : '');
/// The ICAO form of a Latin name, for deciding whether two are the same letters.
const icaoLetters = (name) => name.toUpperCase().replace(/[\s-]+/g, '<');

/// [{label: i18n key, lines: [text], kind: 'native' | 'icao'}]; the icao row's lines are the printed form and the
/// zone's.
export function nameRows(nam) {
  const [fn, gn, fnt, gnt] = ['fn', 'gn', 'fnt', 'gnt'].map((key) => text(nam?.[key]));
  const native = [fn, gn].filter(Boolean);
  const latin = native.length > 0 && !NON_LATIN_LETTER.test(native.join(''));
  const same = latin && icaoLetters(fn) === fnt && icaoLetters(gn) === gnt;
  const rows = [];
  if (native.length && !same) {
    rows.push({ label: 'name', lines: [native.join(ARABIC.test(native.join('')) ? '، ' : ', ')], kind: 'native' });
  }
  if (fnt || gnt) {
    const printed = [fnt, gnt].filter(Boolean).map((part) => part.replace(/</g, ' ').replace(/\s+/g, ' ').trim());
    rows.push({
      label: latin && !same ? 'nameAsInPassport' : 'nameICAO',
      lines: [printed.join(', '), `${fnt}<<${gnt}`],
      kind: 'icao',
    });
  }
  return rows;
}
