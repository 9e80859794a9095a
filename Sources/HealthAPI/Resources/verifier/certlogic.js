// CertLogic 1.3.3, the language of the EU DCC business rules: `validate` checks an expression's form and `evaluate`
// runs it on a data context (for a rule: `{ payload, external }`). Written from the specification, kept in
// Tests/Fixtures/rules/certlogic/specification/README.md. Date-times are JS Dates made only by `plusTime` and
// `dccDateOfBirth`; every other value is JSON. Anything outside the specification throws a CertLogicError.

export class CertLogicError extends Error {}
CertLogicError.prototype.name = 'CertLogicError';

const fail = (operation, problem) => {
  throw new CertLogicError(`${operation}: ${problem}`);
};

/// How deep operations and arrays may nest: far beyond any rule, well within the browser's stack.
const MAX_DEPTH = 200;

/// Each operation's least and greatest number of operands.
const ARITY = new Map([
  ['if', [3, 3]],
  ['===', [2, 2]],
  ['in', [2, 2]],
  ['+', [2, 2]],
  ['and', [2, Infinity]],
  ['!', [1, 1]],
  ['<', [2, 3]],
  ['>', [2, 3]],
  ['<=', [2, 3]],
  ['>=', [2, 3]],
  ['after', [2, 3]],
  ['before', [2, 3]],
  ['not-after', [2, 3]],
  ['not-before', [2, 3]],
  ['plusTime', [3, 3]],
  ['reduce', [3, 3]],
  ['extractFromUVCI', [2, 2]],
  ['dccDateOfBirth', [1, 1]],
]);
const UNITS = ['year', 'month', 'day', 'hour'];

const isDateTime = (value) => value instanceof Date;
const isObject = (value) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !isDateTime(value);
/// The values `===` and `in` compare: the ones whose equality means the same on every platform.
const isPlain = (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/// A value as an error message shows it, short whatever its size.
function describe(value) {
  if (isDateTime(value)) return `the date-time ${value.toISOString()}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/// `false`, `null`, `""`, `0`, `[]` and `{}`.
export function isFalsy(value) {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return value === false || value === null || value === '' || value === 0;
}

/// `true`, a non-empty string, a non-zero integer, a non-empty array, an object with a key. A value can be neither
/// truthy nor falsy (a fraction, a date-time).
export function isTruthy(value) {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  if (typeof value === 'number') return Number.isInteger(value) && value !== 0;
  if (typeof value === 'string') return value.length > 0;
  return value === true;
}

/// Throws a CertLogicError when the expression is not valid CertLogic.
export function validate(expression) {
  check(expression, 0);
}

function check(expression, depth) {
  if (depth > MAX_DEPTH) fail('expression', `nested more than ${MAX_DEPTH} deep`);
  if (typeof expression === 'string' || typeof expression === 'boolean') return;
  if (typeof expression === 'number') {
    if (!Number.isInteger(expression)) fail('expression', `${expression} is not an integer`);
    return;
  }
  if (Array.isArray(expression)) {
    for (let i = 0; i < expression.length; i++) check(expression[i], depth + 1);
    return;
  }
  if (!isObject(expression)) fail('expression', `${describe(expression)} is not a CertLogic expression`);
  const keys = Object.keys(expression);
  if (keys.length !== 1) fail('expression', `an operation has exactly one key, this object has ${keys.length}`);
  const operator = keys[0];
  const operands = expression[operator];
  if (operator === 'var') {
    if (typeof operands !== 'string') fail('var', 'not of the form { "var": "<path>" }');
    if (operands !== '' && operands.split('.').includes('')) {
      fail('var', `the path ${describe(operands)} has an empty part`);
    }
    return;
  }
  const name = JSON.stringify(operator);
  if (!Array.isArray(operands)) fail(name, 'not of the form { "<operator>": [ <operands...> ] }');
  if (!ARITY.has(operator)) fail(name, 'unknown operation');
  const [least, most] = ARITY.get(operator);
  if (operands.length < least || operands.length > most) {
    const wanted = least === most ? `${least}` : most === Infinity ? `at least ${least}` : `${least} or ${most}`;
    fail(operator, `takes ${wanted} operand${most === 1 ? '' : 's'}, not ${operands.length}`);
  }
  if (operator === 'plusTime') {
    if (!Number.isInteger(operands[1])) fail('plusTime', 'the amount (2nd operand) must be an integer literal');
    if (!UNITS.includes(operands[2])) fail('plusTime', `the unit (3rd operand) must be one of ${UNITS.join(', ')}`);
  }
  if (operator === 'extractFromUVCI' && !Number.isInteger(operands[1])) {
    fail('extractFromUVCI', 'the index (2nd operand) must be an integer literal');
  }
  for (let i = 0; i < operands.length; i++) check(operands[i], depth + 1);
}

/// The value of a valid expression on the data context: JSON, or a Date for a date-time. Throws a CertLogicError
/// for an invalid expression or when an operand has a type the operation does not take.
export function evaluate(expression, data) {
  validate(expression);
  return run(expression, data === undefined ? null : data);
}

function run(expression, data) {
  if (typeof expression !== 'object') return expression;
  if (Array.isArray(expression)) return expression.map((item) => run(item, data));
  const operator = Object.keys(expression)[0];
  const operands = expression[operator];
  switch (operator) {
    case 'var':
      return access(data, operands);
    case 'if':
      // The specification's `if` takes the else branch for any guard that is not truthy, unlike `and` and `!`.
      return run(isTruthy(run(operands[0], data)) ? operands[1] : operands[2], data);
    case 'and': {
      let value = null;
      for (const operand of operands) {
        value = run(operand, data);
        if (isFalsy(value)) return value;
        if (!isTruthy(value)) fail('and', `${describe(value)} is neither truthy nor falsy`);
      }
      return value;
    }
    case '!': {
      const value = run(operands[0], data);
      if (isFalsy(value)) return true;
      if (isTruthy(value)) return false;
      return fail('!', `${describe(value)} is neither truthy nor falsy`);
    }
    case '===': {
      const [left, right] = operands.map((operand) => plain('===', run(operand, data)));
      return left === right;
    }
    case 'in': {
      const item = plain('in', run(operands[0], data));
      const list = run(operands[1], data);
      if (!Array.isArray(list)) fail('in', `the 2nd operand must be an array, not ${describe(list)}`);
      return list.includes(item);
    }
    case '+': {
      const [left, right] = operands.map((operand) => integer('+', run(operand, data)));
      return left + right;
    }
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(operator, operands.map((operand) => integer(operator, run(operand, data))));
    case 'after':
    case 'before':
    case 'not-after':
    case 'not-before':
      return compare(operator, operands.map((operand) => dateTime(operator, run(operand, data)).getTime()));
    case 'plusTime': {
      const text = run(operands[0], data);
      if (typeof text !== 'string') fail('plusTime', `the date-time must be a string, not ${describe(text)}`);
      return plusTime(parseDateTime('plusTime', text, true), operands[1], operands[2]);
    }
    case 'dccDateOfBirth': {
      const text = run(operands[0], data);
      if (typeof text !== 'string') fail('dccDateOfBirth', `the date of birth must be a string, not ${describe(text)}`);
      return parseDateTime('dccDateOfBirth', text, false);
    }
    case 'reduce': {
      const list = run(operands[0], data);
      const initial = run(operands[2], data);
      if (list === null) return initial;
      if (!Array.isArray(list)) fail('reduce', `the 1st operand must be an array or null, not ${describe(list)}`);
      return list.reduce((accumulator, current) => run(operands[1], { current, accumulator }), initial);
    }
    case 'extractFromUVCI':
      return extractFromUVCI(run(operands[0], data), operands[1]);
  }
  return fail(JSON.stringify(operator), 'unknown operation');
}

/// `it.<path>`: drills down by object keys and array indices; whatever is missing or not drillable is null.
function access(data, path) {
  if (path === '') return data;
  let value = data;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) value = /^(0|[1-9][0-9]*)$/.test(part) ? value[Number(part)] : undefined;
    else if (isObject(value)) value = Object.prototype.hasOwnProperty.call(value, part) ? value[part] : undefined;
    else return null;
    if (value === undefined) return null;
  }
  return value;
}

function plain(operation, value) {
  if (!isPlain(value)) fail(operation, `cannot compare ${describe(value)}`);
  return value;
}

function integer(operation, value) {
  if (!Number.isInteger(value)) fail(operation, `${describe(value)} is not an integer`);
  return value;
}

function dateTime(operation, value) {
  if (!isDateTime(value)) fail(operation, `${describe(value)} is not a date-time (made by plusTime or dccDateOfBirth)`);
  return value;
}

const ORDER = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  before: (a, b) => a < b,
  after: (a, b) => a > b,
  'not-after': (a, b) => a <= b,
  'not-before': (a, b) => a >= b,
};

/// `a op b`, or for three operands `(a op b) and (b op c)`.
function compare(operator, [a, b, c]) {
  const holds = ORDER[operator];
  return holds(a, b) && (c === undefined || holds(b, c));
}

// YYYY, YYYY-MM, YYYY-MM-DD, then (only for plusTime) Thh:mm:ss, a fraction of any length, and Z or an offset
// [+-]h, hh, hmm, hhmm, h:mm or hh:mm, each of the last two optional.
const DATE_TIME = new RegExp(
  String.raw`^(?<year>[0-9]{4})(?:-(?<month>[0-9]{2})(?:-(?<day>[0-9]{2})` +
    String.raw`(?:T(?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]+))?` +
    String.raw`(?:Z|(?<sign>[+-])(?<offsetHours>[0-9]{1,2})(?::?(?<offsetMinutes>[0-9]{2}))?)?)?)?)?$`,
);

const isLeapYear = (year) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysIn = (year, month) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/// The instant a date(-time) string names, to the millisecond (further decimals dropped): a date alone is midnight,
/// a partial date the last day it allows, no offset is UTC. `withTime` false allows the three date forms only.
function parseDateTime(operation, text, withTime) {
  const match = DATE_TIME.exec(text);
  if (!match || (!withTime && match.groups.hour !== undefined)) {
    fail(operation, `${describe(text)} is not a date${withTime ? '(-time)' : ''} of an allowed format`);
  }
  const part = (name, otherwise = 0) => (match.groups[name] === undefined ? otherwise : Number(match.groups[name]));
  const year = part('year');
  const month = part('month', 12);
  if (month < 1 || month > 12) fail(operation, `${describe(text)} has no month ${month}`);
  const day = part('day', daysIn(year, month));
  if (day < 1 || day > daysIn(year, month)) fail(operation, `${describe(text)} has no day ${day} in its month`);
  const [hour, minute, second] = [part('hour'), part('minute'), part('second')];
  const [offsetHours, offsetMinutes] = [part('offsetHours'), part('offsetMinutes')];
  // No leap second (60), as the server's evaluator and the reference implementation's Date parsing refuse it.
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    fail(operation, `${describe(text)} is not a valid time of day or offset`);
  }
  const milliseconds = Number(((match.groups.fraction ?? '') + '000').slice(0, 3));
  const moment = new Date(0);
  moment.setUTCFullYear(year, month - 1, day);
  moment.setUTCHours(hour, minute, second, milliseconds);
  const offset = (match.groups.sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  moment.setTime(moment.getTime() - offset);
  return moment;
}

/// The date-time moved by `amount` units in UTC, as `setUTC<unit>(getUTC<unit>() + amount)` does.
function plusTime(moment, amount, unit) {
  if (unit === 'year') moment.setUTCFullYear(moment.getUTCFullYear() + amount);
  else if (unit === 'month') moment.setUTCMonth(moment.getUTCMonth() + amount);
  else if (unit === 'day') moment.setUTCDate(moment.getUTCDate() + amount);
  else moment.setUTCHours(moment.getUTCHours() + amount);
  if (Number.isNaN(moment.getTime())) fail('plusTime', `moving by ${amount} ${unit} leaves the range of date-times`);
  return moment;
}

/// The fragment at `index` of a UCI split on `/`, `#` and `:`, after an initial `URN`, `UVCI`; null when absent.
function extractFromUVCI(uci, index) {
  if (uci === null) return null;
  if (typeof uci !== 'string') fail('extractFromUVCI', `the UCI must be a string or null, not ${describe(uci)}`);
  const fragments = uci.split(/[/#:]/);
  const start = fragments[0] === 'URN' && fragments[1] === 'UVCI' ? 2 : 0;
  return index >= 0 && start + index < fragments.length ? fragments[start + index] : null;
}
