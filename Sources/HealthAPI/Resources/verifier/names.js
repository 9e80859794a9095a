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

/// ICAO 9303 Part 3 Table A letters that are not simply their base letter, as the server's LatinTransliteration.
const LATIN = {
  Ä: 'AE', Å: 'AA', Æ: 'AE', Ð: 'D', Ö: 'OE', Ø: 'OE', Ü: 'UE', Þ: 'TH', Đ: 'D', Ħ: 'H',
  Ĳ: 'IJ', Ŀ: 'L', Ł: 'L', Ŋ: 'N', Œ: 'OE', Ŧ: 'T', ẞ: 'SS',
};

/// A Latin name in the zone's form, as the server's ICAOName: A–Z, `<` between words (spaces, hyphens, commas),
/// apostrophes and other marks left out; '' when it holds a letter of another script.
export function icaoName(name) {
  let out = '';
  for (const char of String(name).normalize('NFC').toUpperCase()) {
    const base = char.normalize('NFD')[0];
    if (/[\s,\-\u2010\u2011\u060c]/.test(char)) out += '<';
    else if (/[A-Z]/.test(char)) out += char;
    else if (LATIN[char]) out += LATIN[char];
    else if (/\p{Script=Latin}/u.test(char) && /[A-Z]/.test(base)) out += base;
    else if (/\p{L}/u.test(char)) return '';
  }
  return out.split('<').filter(Boolean).join('<');
}
