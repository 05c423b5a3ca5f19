/**
 * Parameter values: a runtime copy and a flash (NVS) copy. `store` writes both; a reboot reloads runtime
 * values from flash, so `store=0` changes are lost and `store=1` changes survive (docs/homevolt.md §3.4).
 * Values are parsed from text and validated against the table; a rejected write changes nothing.
 */
import { HomevoltError } from './errors.ts';
import { findParam, findParamById, PARAM_TABLE, type ParamDef, type ParamValue } from './param-table.ts';

export interface ParamStore {
  get(name: string): readonly ParamValue[];
  getBool(name: string): boolean;
  getNumber(name: string, index?: number): number;
  /** Parses and sets `texts` (one per element); `store` also writes flash. Throws HomevoltError. */
  set(name: string, texts: readonly string[], store: boolean): readonly ParamValue[];
  /** Writes runtime values to flash: all, or one parameter id. */
  store(id?: number): void;
  /** Reloads runtime values from flash (a reboot, `param_load`). */
  load(): void;
  /** Resets to defaults (runtime only): all, or one parameter id. */
  reset(id?: number): void;
  list(): readonly { readonly def: ParamDef; readonly value: readonly ParamValue[] }[];
}

export function createParamStore(): ParamStore {
  const runtime = new Map<string, readonly ParamValue[]>();
  const flash = new Map<string, readonly ParamValue[]>();
  for (const p of PARAM_TABLE) {
    runtime.set(p.name, p.defaults);
    flash.set(p.name, p.defaults);
  }
  const defOf = (name: string): ParamDef => {
    const def = findParam(name);
    if (!def) throw new HomevoltError('HOMEVOLT_ERR_UNKNOWN_PARAM', `Failed to find parameter '${name}': it is not in the firmware's table. See GET /params.json for the names.`);
    return def;
  };
  return {
    get: (name) => runtime.get(defOf(name).name)!,
    getBool: (name) => runtime.get(defOf(name).name)![0] === true,
    getNumber(name, index = 0) {
      const v = runtime.get(defOf(name).name)![index];
      return typeof v === 'number' ? v : 0;
    },
    set(name, texts, store) {
      const def = defOf(name);
      const values = parseParamValues(def, texts);
      runtime.set(def.name, values);
      if (store) flash.set(def.name, values);
      return values;
    },
    store(id) {
      for (const p of PARAM_TABLE) if (id === undefined || p.id === id) flash.set(p.name, runtime.get(p.name)!);
    },
    load() {
      for (const p of PARAM_TABLE) runtime.set(p.name, flash.get(p.name)!);
    },
    reset(id) {
      if (id !== undefined && !findParamById(id)) throw new HomevoltError('HOMEVOLT_ERR_UNKNOWN_PARAM', `Failed to reset parameter ${id}: no parameter has that id.`);
      for (const p of PARAM_TABLE) if (id === undefined || p.id === id) runtime.set(p.name, p.defaults);
    },
    list: () => PARAM_TABLE.map((def) => ({ def, value: runtime.get(def.name)! })),
  };
}

/** Parses one write. Arrays take one text per element, or one text with comma-separated elements. */
export function parseParamValues(def: ParamDef, texts: readonly string[]): readonly ParamValue[] {
  const parts = def.type === 'string' ? [texts.join(' ')] : texts.length === 1 ? texts[0]!.split(/[,\s]+/).filter((t) => t !== '') : texts;
  if (parts.length !== def.size) {
    throw new HomevoltError('HOMEVOLT_ERR_BAD_PARAM_VALUE', `Failed to set ${def.name}: it takes ${def.size} value(s), got ${parts.length}.`);
  }
  return parts.map((text) => parseOne(def, text));
}

function parseOne(def: ParamDef, text: string): ParamValue {
  const bad = (why: string): HomevoltError => new HomevoltError('HOMEVOLT_ERR_BAD_PARAM_VALUE', `Failed to set ${def.name} to '${text}': ${why}.`);
  switch (def.type) {
    case 'bool': {
      // pyHomevolt sends true/false; the docs use 1/0 (docs/homevolt.md §3.4).
      const t = text.toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw bad('expected true, false, 1 or 0');
    }
    case 'i32':
    case 'float': {
      const pattern = def.type === 'i32' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
      if (!pattern.test(text)) throw bad(def.type === 'i32' ? 'expected an integer' : 'expected a number');
      const n = Number(text);
      if (def.min !== undefined && n < def.min) throw bad(`below the minimum ${def.min}`);
      if (def.max !== undefined && n > def.max) throw bad(`above the maximum ${def.max}`);
      return n;
    }
    case 'string':
      if (text.length > 64) throw bad('longer than 64 characters');
      if (def.choices && !def.choices.includes(text)) throw bad(`expected one of ${def.choices.map((c) => `'${c}'`).join(', ')}`);
      return text;
  }
}
