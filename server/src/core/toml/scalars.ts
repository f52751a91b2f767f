// Reads unquoted TOML literals: integers, floats, booleans and date-times, with TOML 1.1's rules
// (optional seconds) and the messages a user needs when one is malformed.
import type { Span } from '../diagnostics';
import type { ScalarNode } from './ast';

const DEC_INT = /^[+-]?(0|[1-9](_?[0-9])*)$/;
const HEX_INT = /^0x[0-9A-Fa-f](_?[0-9A-Fa-f])*$/;
const OCT_INT = /^0o[0-7](_?[0-7])*$/;
const BIN_INT = /^0b[01](_?[01])*$/;
const FLOAT = /^[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?$/;
const SPECIAL_FLOAT = /^[+-]?(inf|nan)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
const OFFSET = /(Z|z|[+-]\d{2}:\d{2})$/;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

export type BareValueResult = ScalarNode | { error: string };

export function classifyBareValue(raw: string, span: Span): BareValueResult {
  if (raw === 'true' || raw === 'false') return { kind: 'boolean', value: raw === 'true', span };
  const c0 = raw.charCodeAt(0);
  if (/^\d{4}-\d{2}-\d{2}/.test(raw) || /^\d{2}:\d{2}/.test(raw)) return classifyDateTime(raw, span);
  if (DEC_INT.test(raw) || HEX_INT.test(raw) || OCT_INT.test(raw) || BIN_INT.test(raw)) return toInteger(raw, span);
  if (SPECIAL_FLOAT.test(raw)) {
    const v = raw.endsWith('nan') ? NaN : raw.startsWith('-') ? -Infinity : Infinity;
    return { kind: 'float', value: v, span };
  }
  if (FLOAT.test(raw) && /[.eE]/.test(raw)) return { kind: 'float', value: Number(raw.replace(/_/g, '')), span };
  return { error: explainBadLiteral(raw, c0) };
}

function toInteger(raw: string, span: Span): BareValueResult {
  const clean = raw.replace(/_/g, '');
  let big: bigint;
  if (/^[+-]?0[xob]/.test(clean)) big = BigInt(clean.replace(/^\+/, ''));
  else big = BigInt(clean);
  if (big > INT64_MAX || big < INT64_MIN) return { error: `Integer ${raw} does not fit in 64 bits` };
  const n = Number(big);
  return { kind: 'integer', value: Number.isSafeInteger(n) ? n : big, span };
}

function explainBadLiteral(raw: string, c0: number): string {
  if (/^(True|False|TRUE|FALSE|yes|no|on|off)$/.test(raw)) return `Invalid value '${raw}': booleans are lowercase true or false`;
  if (/^[+-]?0\d/.test(raw)) return `Invalid number '${raw}': leading zeros are not allowed`;
  if (/__|^_|_$|_\.|\._|_[eE]|[eE]_/.test(raw)) return `Invalid number '${raw}': an underscore must stand between two digits`;
  if (/^[+-]0[xob]/.test(raw)) return `Invalid number '${raw}': hexadecimal, octal and binary integers take no sign`;
  if ((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 46) return `Invalid number '${raw}'`;
  return `Invalid value '${raw}': strings must be quoted ("${raw}")`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkDate(date: string): string | undefined {
  const m = DATE.exec(date);
  if (!m) return 'expected YYYY-MM-DD';
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12) return `month ${m[2]} does not exist`;
  if (d < 1 || d > daysInMonth(y, mo)) return `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  return undefined;
}

function checkTime(time: string): string | undefined {
  const m = TIME.exec(time);
  if (!m) return 'expected HH:MM[:SS[.fraction]]';
  if (Number(m[1]) > 23) return `hour ${m[1]} is out of range`;
  if (Number(m[2]) > 59) return `minute ${m[2]} is out of range`;
  if (m[3] !== undefined && Number(m[3]) > 59) return `second ${m[3]} is out of range`;
  return undefined;
}

function classifyDateTime(raw: string, span: Span): BareValueResult {
  const bad = (why: string): BareValueResult => ({ error: `Invalid date-time '${raw}': ${why}` });
  if (/^\d{2}:/.test(raw)) {
    const why = checkTime(raw);
    return why ? bad(why) : { kind: 'datetime', raw, subtype: 'local-time', span };
  }
  const date = raw.slice(0, 10);
  const dateWhy = checkDate(date);
  if (dateWhy) return bad(dateWhy);
  if (raw.length === 10) return { kind: 'datetime', raw, subtype: 'local-date', span };
  const sep = raw[10];
  if (sep !== 'T' && sep !== 't' && sep !== ' ') return bad("expected 'T' or a space between the date and the time");
  let rest = raw.slice(11);
  const off = OFFSET.exec(rest);
  let subtype: 'offset-datetime' | 'local-datetime' = 'local-datetime';
  if (off) {
    const o = off[1] as string;
    if (o.length === 6 && (Number(o.slice(1, 3)) > 23 || Number(o.slice(4, 6)) > 59)) return bad(`offset ${o} is out of range`);
    rest = rest.slice(0, rest.length - o.length);
    subtype = 'offset-datetime';
  }
  const timeWhy = checkTime(rest);
  return timeWhy ? bad(timeWhy) : { kind: 'datetime', raw, subtype, span };
}
