// Runs smol-toml and our parser on the same text and brings both answers to one comparable shape:
// plain prototype-less objects, bigints where int64 values pass 2^53, date-times as { kind, iso }.
import { parse as smolParse, TomlDate } from 'smol-toml';
import { parseToml, toJS, TomlDateTime } from '../../../server/src/core/toml';

export interface Verdict {
  valid: boolean;
  /** The canonical value when valid. */
  value?: unknown;
  /** The first error's message when invalid (for failure messages). */
  error?: string;
}

export interface CanonicalDateTime {
  kind: TomlDateTime['subtype'];
  /** ISO form as smol-toml prints it: seconds always, milliseconds (truncated), T separator. */
  iso: string;
}

export function smolVerdict(text: string): Verdict {
  try {
    return { valid: true, value: canonical(smolParse(text, { integersAsBigInt: 'asNeeded' })) };
  } catch (e) {
    return { valid: false, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

export function ourVerdict(text: string): Verdict {
  const doc = parseToml(text);
  if (doc.errors.length) return { valid: false, error: doc.errors.map((e) => e.message).join('; ') };
  return { valid: true, value: canonical(toJS(doc.root)) };
}

function canonical(value: unknown): unknown {
  if (value instanceof TomlDateTime) return canonicalFromRaw(value);
  if (value instanceof TomlDate) return canonicalFromSmol(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: canonical(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function canonicalFromSmol(d: TomlDate): CanonicalDateTime {
  const kind = d.isDate() ? 'local-date' : d.isTime() ? 'local-time' : d.isLocal() ? 'local-datetime' : 'offset-datetime';
  const iso = d.toISOString();
  return { kind, iso: kind === 'offset-datetime' && /[zZ]$/.test(iso) ? iso.slice(0, -1) + 'Z' : iso };
}

/** HH:MM[:SS[.frac]] → HH:MM:SS.mmm, as a JS Date (hence smol-toml) prints it. */
function canonicalTime(t: string): string {
  const [hm = '', frac = ''] = t.split('.');
  const hms = hm.length === 5 ? `${hm}:00` : hm;
  return `${hms}.${(frac + '000').slice(0, 3)}`;
}

function canonicalFromRaw(d: TomlDateTime): CanonicalDateTime {
  const raw = d.raw;
  switch (d.subtype) {
    case 'local-date':
      return { kind: d.subtype, iso: raw };
    case 'local-time':
      return { kind: d.subtype, iso: canonicalTime(raw) };
    case 'local-datetime':
      return { kind: d.subtype, iso: `${raw.slice(0, 10)}T${canonicalTime(raw.slice(11))}` };
    case 'offset-datetime': {
      const m = /(Z|z|[+-]\d{2}:\d{2})$/.exec(raw);
      const offset = m?.[1] ?? '';
      const time = raw.slice(11, raw.length - offset.length);
      return { kind: d.subtype, iso: `${raw.slice(0, 10)}T${canonicalTime(time)}${offset.toUpperCase()}` };
    }
  }
}
