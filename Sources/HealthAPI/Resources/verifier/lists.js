// The trust list, revocation list, value sets, entry rules and SMART Health Card issuers, downloaded from the server
// that served the page and kept in IndexedDB with their download time, so the page verifies offline. They hold
// signers, hashes, codes, rules and issuer keys, nothing of any holder.
const DATABASE = 'border-verifier';
const STORE = 'lists';
const SOURCES = {
  trust: '/v1/trust-list',
  revocation: '/v1/revocation-list',
  valueSets: '/v1/value-sets',
  rules: '/v1/rules',
  issuers: '/v1/health-card-issuers',
};
/// Lists older than this are shown with a warning.
export const STALE_AFTER_MS = 24 * 3600 * 1000;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transact(mode, body) {
  return open().then(
    (db) =>
      new Promise((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const result = body(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(result.result);
        transaction.onerror = () => reject(transaction.error);
      }),
  );
}

/// {trust, revocation, valueSets, rules, issuers, downloadedAt} as last stored, or null when none was ever
/// downloaded; a set an older page stored may lack some (the page then refreshes it).
export async function storedLists() {
  const saved = await transact('readonly', (store) => store.get('lists'));
  return saved ?? null;
}

/// Downloads the lists and, once `check` accepts them, stores them together; throws when one cannot be had
/// (offline, server down) or `check` throws.
export async function downloadLists(check) {
  const fetchJSON = async (url) => {
    const response = await fetch(url, { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  };
  const names = Object.keys(SOURCES);
  const downloaded = await Promise.all(names.map((name) => fetchJSON(SOURCES[name])));
  const lists = { ...Object.fromEntries(names.map((name, i) => [name, downloaded[i]])), downloadedAt: Date.now() };
  check(lists);
  await transact('readwrite', (store) => store.put(lists, 'lists'));
  return lists;
}
