// The `value-sets` step, as the server's ValueSetCheck: every coded member of the certificate's entries holds a code
// of the value set eu-dcc-schema names for it; absent members are the schema step's business.
import { fail } from './failure.js';

const CODED_MEMBERS = {
  v: [
    ['tg', 'disease-agent-targeted'],
    ['vp', 'sct-vaccines-covid-19'],
    ['mp', 'vaccines-covid-19-names'],
    ['ma', 'vaccines-covid-19-auth-holders'],
    ['co', 'country-2-codes'],
  ],
  t: [
    ['tg', 'disease-agent-targeted'],
    ['tt', 'covid-19-lab-test-type'],
    ['ma', 'covid-19-lab-test-manufacturer-and-name'],
    ['tr', 'covid-19-lab-result'],
    ['co', 'country-2-codes'],
  ],
  r: [
    ['tg', 'disease-agent-targeted'],
    ['co', 'country-2-codes'],
  ],
};

/// Value-set id → Set of codes, from the id → array of codes that `/v1/value-sets` serves.
export function valueSetsFrom(json) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('value sets must be an object');
  const sets = new Map();
  for (const [id, codes] of Object.entries(json)) {
    if (!Array.isArray(codes)) throw new Error(`value set ${id} is not a list of codes`);
    sets.set(id, new Set(codes));
  }
  for (const members of Object.values(CODED_MEMBERS)) {
    for (const [, id] of members) if (!sets.has(id)) throw new Error(`value set ${id} is missing`);
  }
  return sets;
}

/// The test type whose device (`ma`) may be left empty: a NAAT (PCR) test has none, and member states send "".
const TEST_TYPE_WITHOUT_DEVICE = 'LP6464-4';

/// Throws `value-set-violation` naming the first member whose code is not in its value set.
export function checkValueSets(hcert, type, sets) {
  const entries = type === null ? null : hcert[type];
  if (!Array.isArray(entries)) fail('value-set-violation', 'the payload has no single group of entries');
  entries.forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return;
    for (const [member, id] of CODED_MEMBERS[type]) {
      if (!(member in entry)) continue;
      const code = entry[member];
      if (type === 't' && member === 'ma' && code === '' && entry.tt === TEST_TYPE_WITHOUT_DEVICE) continue;
      if (typeof code !== 'string' || !sets.get(id).has(code)) {
        fail('value-set-violation', `${type}[${index}].${member} ${JSON.stringify(code)} is not in ${id}`);
      }
    }
  });
}
