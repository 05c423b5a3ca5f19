/**
 * Replaces known values by their stand-ins in text, in every spelling each may have in a HAR file. Owned by
 * one redactor. The values carried from entry to entry (an echo of a password, a serial inside a hostname)
 * are the most recently seen `limit`: a recording of a client that sends a new token on every request would
 * otherwise make every entry slower than the last (each one builds a pattern of all values ever seen). The
 * values of the entry at hand are always carried; see docs/recording-and-redaction.md.
 */
import type { PlaceholderCategory } from './placeholders.ts';

export interface KnownValue {
  readonly category: PlaceholderCategory;
  readonly value: string;
  readonly replacement: string;
}

/** Text views: a UTF-8 string, or Latin-1 (one character per byte) for a body that is not UTF-8. */
export type View = 'utf8' | 'latin1';

export interface Substituter {
  /** Carries `values` (those of the entry at hand) from now on, as the most recent. */
  carry(values: readonly KnownValue[]): void;
  substitute(text: string, view: View): string;
}

/** Values carried from one entry to the next by default. */
export const CARRIED_VALUES = 64;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const inView = (s: string, view: View): string => (view === 'utf8' ? s : Buffer.from(s, 'utf8').toString('latin1'));

/** Every spelling a secret may have in a HAR file (UTF-8 text of JSON, URLs and bodies). */
export function encodingsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const bytes = [...Buffer.from(secret, 'utf8')];
  const asciiJson = (upper: boolean): string => json.replace(/[\u007f-\uffff]/g, (c) => `\\u${upper ? hex(c.charCodeAt(0), 4).toUpperCase() : hex(c.charCodeAt(0), 4)}`);
  return [
    secret,
    json,
    asciiJson(false),
    asciiJson(true),
    // A lone surrogate (JSON `"\ud83d"` from a hostile client) cannot be percent-encoded: spell it as UTF-8 would.
    encodeURIComponent(Buffer.from(secret, 'utf8').toString('utf8')),
    new URLSearchParams({ x: secret }).toString().slice(2),
    bytes.map((b) => `%${hex(b, 2).toUpperCase()}`).join(''),
    bytes.map((b) => `%${hex(b, 2)}`).join(''),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
  ];
}

type Replace = (text: string) => string;

/**
 * A replacer for `values`. It first looks for each spelling with `includes` (a fast scan) and builds a pattern
 * only of those present, usually none: one pattern of every spelling would be tried at every position of
 * every text, which made a recording of a client with a new token per request crawl.
 */
function compile(values: readonly KnownValue[], view: View): Replace {
  const forms = new Map<string, string>();
  // Longest value first, so that a value is never split by a shorter one inside it.
  const sorted = [...values].sort((a, b) => b.value.length - a.value.length);
  for (const s of sorted.filter((k) => k.category === 'secret')) {
    for (const form of encodingsOf(s.value)) {
      const f = inView(form, view);
      if (!forms.has(f)) forms.set(f, s.replacement);
    }
  }
  const ids = new Map(sorted.filter((k) => k.category !== 'secret').map((k) => [inView(k.value, view), k.replacement]));
  const long = [...forms.keys()].filter((f) => f.length >= 4);
  const short = [...forms.keys()].filter((f) => f.length < 4);
  const idForms = [...ids.keys()];
  const byLength = (a: string, b: string): number => b.length - a.length;
  const swap = (map: Map<string, string>) => (m: string) => map.get(m) ?? m;
  // A short secret or an identity only as a whole word: "1" must not eat every digit of the file.
  const word = (alternatives: string[]): RegExp => new RegExp(`(?<![0-9A-Za-z])(?:${alternatives.map(escapeRe).join('|')})(?![0-9A-Za-z])`, 'g');
  return (text) => {
    let out = text;
    const presentLong = long.filter((f) => out.includes(f)).sort(byLength);
    if (presentLong.length > 0) out = out.replace(new RegExp(presentLong.map(escapeRe).join('|'), 'g'), swap(forms));
    const presentShort = short.filter((f) => out.includes(f)).sort(byLength);
    if (presentShort.length > 0) out = out.replace(word(presentShort), swap(forms));
    const presentIds = idForms.filter((f) => out.includes(f)).sort(byLength);
    if (presentIds.length > 0) out = out.replace(word(presentIds), swap(ids));
    return out;
  };
}

export function createSubstituter(limit = CARRIED_VALUES): Substituter {
  /** Insertion order = recency: the oldest is first. */
  const carried = new Map<string, KnownValue>();
  const compiled = new Map<View, Replace>();
  return {
    carry(values) {
      let changed = false;
      for (const v of values) {
        if (!carried.has(v.value)) changed = true;
        carried.delete(v.value);
        carried.set(v.value, v);
      }
      const keep = Math.max(limit, values.length);
      for (const oldest of carried.keys()) {
        if (carried.size <= keep) break;
        carried.delete(oldest);
        changed = true;
      }
      if (changed) compiled.clear();
    },
    substitute(text, view) {
      if (carried.size === 0 || text === '') return text;
      let replace = compiled.get(view);
      if (replace === undefined) {
        replace = compile([...carried.values()], view);
        compiled.set(view, replace);
      }
      return replace(text);
    },
  };
}
