// Reads GET /v1/statistics/daily with the operator's token and turns the answer into the days the charts and the
// table draw. Every failure becomes a LoadError whose `reason` the page puts into words.

/// How long to wait for the server before saying it did not answer.
const TIMEOUT_MS = 30_000;

/// The counts of a day, by the names the page uses (the API nests the doses under "1", "2" and "booster").
export const COUNT_KEYS = [
  'tests', 'positive', 'dose1', 'dose2', 'booster', 'casesOpened', 'isolating', 'quarantining', 'bookings',
  'checkInsMissed', 'keysPublished',
];

export class LoadError extends Error {
  /// reason: 'missing-token', 'invalid-token', 'forbidden-role' (the token is refused), 'network', 'timeout',
  /// 'server' or 'unreadable'.
  constructor(reason, status = 0) {
    super(status ? `${reason} (${status})` : reason);
    this.reason = reason;
    this.status = status;
  }

  /// Whether the token itself was refused, so the page asks for another.
  get refusesToken() {
    return ['missing-token', 'invalid-token', 'forbidden-role'].includes(this.reason);
  }
}

/// A count as published: a whole number from 10 on, or a string such as "<10" for a smaller count, or "withheld"
/// where with the day's other counts it would tell one below 10; a string must never be drawn or read as a number.
/// A count the answer leaves out is undefined.
export const isWithheld = (count) => typeof count === 'string';

function readCount(value) {
  if (value === undefined || value === null) return undefined;
  if (Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && (/^<\d+$/.test(value) || value === 'withheld')) return value;
  throw new LoadError('unreadable');
}

function readDay(raw) {
  if (!raw || typeof raw !== 'object' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.date)) throw new LoadError('unreadable');
  const doses = raw.doses ?? {};
  const positivity = raw.positivity;
  if (positivity !== null && positivity !== undefined && !(Number.isFinite(positivity) && positivity >= 0)) {
    throw new LoadError('unreadable');
  }
  return {
    date: raw.date,
    positivity: positivity ?? null,
    counts: {
      tests: readCount(raw.tests),
      positive: readCount(raw.positive),
      dose1: readCount(doses['1']),
      dose2: readCount(doses['2']),
      booster: readCount(doses.booster),
      casesOpened: readCount(raw.casesOpened),
      isolating: readCount(raw.isolating),
      quarantining: readCount(raw.quarantining),
      bookings: readCount(raw.bookings),
      checkInsMissed: readCount(raw.checkInsMissed),
      keysPublished: readCount(raw.keysPublished),
    },
  };
}

/// The default span (the last 90 days to today), oldest day first: {from, to, days}.
export async function loadDaily(token) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch('/v1/statistics/daily', {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
      signal: abort.signal,
    });
  } catch (error) {
    throw new LoadError(error?.name === 'AbortError' ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's error page or a cut-off answer: judged by the status below.
  }
  if (response.status === 401) throw new LoadError(body?.code === 'missing-token' ? 'missing-token' : 'invalid-token', 401);
  if (response.status === 403) throw new LoadError('forbidden-role', 403);
  if (!response.ok) throw new LoadError('server', response.status);
  if (!body || !Array.isArray(body.days)) throw new LoadError('unreadable', response.status);
  const days = body.days.map(readDay);
  return { from: body.from ?? days[0]?.date, to: body.to ?? days.at(-1)?.date, days };
}
