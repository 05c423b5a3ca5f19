/**
 * The limits every value meets where it enters the control plane (HTTP bodies, scenario files, the Node API),
 * and the one way error messages quote what they reject: a short prefix, never the whole value. A hostile
 * body nested 5,000 deep or a 1 MB string must get a clear 400, not a stack overflow or a 1 MB message.
 * @see docs/control-plane-limits.md for the figures and their reasons.
 */
import { BattsimError } from '../core/index.ts';

/** Deepest nesting of objects and lists in a control body, the top level counting as 1. A scenario needs 6. */
export const MAX_DEPTH = 16;
/** Longest string (value or key) anywhere in a control body [characters]. */
export const MAX_STRING_CHARS = 4096;
/** Longest list anywhere in a control body [items]; a scenario's events are the longest list there is. */
export const MAX_LIST_ITEMS = 50_000;
/** Most keys in one object of a control body. */
export const MAX_OBJECT_KEYS = 1000;
/** Most characters of a rejected value an error message quotes. */
export const QUOTE_CHARS = 40;

export class InputLimitError extends BattsimError<'SIM_ERR_INPUT_LIMIT'> {
  override readonly name = 'InputLimitError';
  constructor(message: string) {
    super('SIM_ERR_INPUT_LIMIT', message);
  }
}

/**
 * Throws InputLimitError when `value` nests deeper than MAX_DEPTH, or holds a string, list or object beyond
 * its limit. Iterative, so that no depth of input can overflow the stack.
 */
export function checkInputShape(value: unknown, where: string): void {
  const steps = checkInputShapeInSlices(value, where);
  while (!steps.next().done);
}

/** Values checked between two yields of checkInputShapeInSlices (a few ms of work). */
const VALUES_PER_SLICE = 2000;

interface Frame {
  readonly v: unknown;
  readonly depth: number;
  readonly parent: Frame | null;
  readonly key: string | number;
}

const tooLong = (s: string): string => `a string{at} has ${s.length} characters, over the limit of ${MAX_STRING_CHARS} (MAX_STRING_CHARS).`;

/** checkInputShape, yielding after every VALUES_PER_SLICE values so that a caller can give the event loop a turn. */
export function* checkInputShapeInSlices(value: unknown, where: string): Generator<void, void> {
  const stack: Frame[] = [{ v: value, depth: 1, parent: null, key: '' }];
  let seen = 0;
  const fail = (frame: Frame, what: string): never => {
    // The path is built only for the message, walking up from the offending value.
    const keys: (string | number)[] = [];
    for (let f: Frame | null = frame; f?.parent; f = f.parent) keys.push(f.key);
    const path = keys.reverse().map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
    throw new InputLimitError(`Failed to read the ${where}: ${what.replace('{at}', path === '' ? '' : ` at ${quote(path)}`)}`);
  };
  while (stack.length > 0) {
    if (++seen % VALUES_PER_SLICE === 0) yield;
    const frame = stack.pop()!;
    const { v, depth } = frame;
    if (typeof v === 'string') {
      if (v.length > MAX_STRING_CHARS) fail(frame, tooLong(v));
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) fail(frame, `it nests deeper than ${MAX_DEPTH} levels{at} (MAX_DEPTH). Nothing the control plane takes needs more.`);
    if (Array.isArray(v)) {
      if (v.length > MAX_LIST_ITEMS) fail(frame, `a list{at} has ${v.length} items, over the limit of ${MAX_LIST_ITEMS} (MAX_LIST_ITEMS).`);
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        // Only objects and lists need a frame of their own; a string's length is checked here.
        if (typeof item === 'object' && item !== null) stack.push({ v: item, depth: depth + 1, parent: frame, key: i });
        else if (typeof item === 'string' && item.length > MAX_STRING_CHARS) fail({ v: item, depth: depth + 1, parent: frame, key: i }, tooLong(item));
      }
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > MAX_OBJECT_KEYS) fail(frame, `an object{at} has ${keys.length} keys, over the limit of ${MAX_OBJECT_KEYS} (MAX_OBJECT_KEYS).`);
    for (const key of keys) {
      if (key.length > MAX_STRING_CHARS) fail(frame, `a key{at} has ${key.length} characters, over the limit of ${MAX_STRING_CHARS} (MAX_STRING_CHARS).`);
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push({ v: item, depth: depth + 1, parent: frame, key });
      else if (typeof item === 'string' && item.length > MAX_STRING_CHARS) fail({ v: item, depth: depth + 1, parent: frame, key }, tooLong(item));
    }
  }
}

/**
 * A short, safe rendering of a rejected value for an error message: at most QUOTE_CHARS characters of its
 * JSON, then "…". Walks only as much of the value as it prints, so its cost does not grow with the input.
 */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  const out = { text: '' };
  render(value, out, 0);
  return out.text.length > QUOTE_CHARS ? `${out.text.slice(0, QUOTE_CHARS)}…` : out.text;
}

function render(v: unknown, out: { text: string }, depth: number): void {
  if (out.text.length > QUOTE_CHARS) return;
  if (typeof v === 'string') {
    out.text += JSON.stringify(v.length > QUOTE_CHARS ? v.slice(0, QUOTE_CHARS + 1) : v);
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
    out.text += String(v);
    return;
  }
  if (typeof v !== 'object') {
    out.text += typeof v;
    return;
  }
  if (depth >= 4) {
    out.text += '…';
    return;
  }
  if (Array.isArray(v)) {
    // An index loop: for-in would list every index of a million-item list before the first.
    out.text += '[';
    for (let i = 0; i < v.length && out.text.length <= QUOTE_CHARS; i++) {
      if (i > 0) out.text += ',';
      render(v[i], out, depth + 1);
    }
    out.text += ']';
    return;
  }
  out.text += '{';
  let first = true;
  for (const key in v) {
    if (out.text.length > QUOTE_CHARS) return;
    if (!first) out.text += ',';
    first = false;
    out.text += `${JSON.stringify(key.length > QUOTE_CHARS ? key.slice(0, QUOTE_CHARS + 1) : key)}:`;
    render((v as Record<string, unknown>)[key], out, depth + 1);
  }
  out.text += '}';
}
