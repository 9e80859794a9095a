// The verifier's service worker: keeps the page's own files so a reload works with no network. The lists are kept
// by the page in IndexedDB; certificates never pass through here.
const CACHE = 'border-verifier-page';
const FILES = [
  '/verifier',
  '/verifier/verifier.css',
  '/verifier/app.js',
  '/verifier/view.js',
  '/verifier/i18n.js',
  '/verifier/lists.js',
  '/verifier/camera.js',
  '/verifier/verify.js',
  '/verifier/shc.js',
  '/verifier/fhir.js',
  '/verifier/issuers.js',
  '/verifier/failure.js',
  '/verifier/base45.js',
  '/verifier/inflate.js',
  '/verifier/cbor.js',
  '/verifier/cose.js',
  '/verifier/der.js',
  '/verifier/bytes.js',
  '/verifier/trust.js',
  '/verifier/signature.js',
  '/verifier/revocation.js',
  '/verifier/schema.js',
  '/verifier/valuesets.js',
  '/verifier/certlogic.js',
  '/verifier/rules.js',
  '/verifier/names.js',
  '/verifier/destination.js',
];
/// How long a reload waits for the server before it uses the kept copy.
const NETWORK_WAIT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/// The server's copy when it answers in time (and kept for next time), else the kept copy.
async function respond(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), NETWORK_WAIT_MS)),
    ]);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const page = url.pathname === '/verifier' || url.pathname.startsWith('/verifier/');
  const ours = url.origin === self.location.origin && page;
  if (event.request.method === 'GET' && ours) event.respondWith(respond(event.request));
});
