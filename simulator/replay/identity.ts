/**
 * Finds identity values (with `--redact-identity`): serials, MACs, hostnames, IPs and SSIDs. Pure.
 * By field name in JSON (Sessy system/info `self_serial`/`sessy_serial`, network/status `mac`/`ssid`/`ip`,
 * docs/sessy.md §3.6, §3.9; Homevolt `ecu_id`, `serial_number`, `euid`, `efr_id`, `imei`/`imsi`/`iccid`,
 * `wifi_status.ip/ssid/bssid`, docs/homevolt.md §3.1, §3.2), and by shape anywhere in text (MAC with separators,
 * IPv4, `sessy-XXXX`, `homevolt-<12 hex>`, docs/sessy.md §1.3, docs/homevolt.md §2).
 */
import type { PlaceholderCategory } from './placeholders.ts';

export interface IdentityValue {
  readonly category: Exclude<PlaceholderCategory, 'secret'>;
  readonly value: string;
}

const FIELD_CATEGORY: ReadonlyArray<readonly [RegExp, IdentityValue['category']]> = [
  [/^(bssid|mac|mac_address|ecu_id)$/i, 'mac'],
  [/(^|_)(serial|serial_number|efr_id|euid|imei|imsi|iccid|equipment_identifier)$|^(self|sessy)_serial$/i, 'serial'],
  [/^(ssid)$/i, 'ssid'],
  [/(^|_)(ip|ip_address|ipv4)$/i, 'ip'],
  [/(^|_)hostname$/i, 'hostname'],
];

const IGNORED = /^(|unknown|0+|0\.0\.0\.0|127\.\d+\.\d+\.\d+|255\.255\.255\.255|localhost)$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function categoryOf(field: string): IdentityValue['category'] | undefined {
  return FIELD_CATEGORY.find(([re]) => re.test(field))?.[1];
}

function classify(category: IdentityValue['category'], value: string): IdentityValue | null {
  if (IGNORED.test(value)) return null;
  // A `*_hostname` setting may hold an IP (Sessy p1_hostname "10.0.0.10").
  if (category === 'hostname' && IPV4.test(value)) return { category: 'ip', value };
  if (category === 'mac' && !/^[0-9a-f]{12}$|^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(value)) return { category: 'serial', value };
  return { category, value };
}

/** Identity values in a parsed JSON document, found by field name. Integer ids (old Homevolt ecu_id) count too. */
export function identitiesInJson(doc: unknown): IdentityValue[] {
  const out: IdentityValue[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const category = categoryOf(k);
      if (category !== undefined && (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && v > 0xffff))) {
        const found = classify(category, String(v));
        if (found) out.push(category === 'mac' && typeof v === 'number' ? { category: 'serial', value: String(v) } : found);
      } else walk(v);
    }
  };
  walk(doc);
  return out;
}

const SHAPES: ReadonlyArray<readonly [RegExp, IdentityValue['category']]> = [
  [/(?<![0-9A-Za-z:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![0-9A-Za-z:-])/g, 'mac'],
  [/(?<![0-9A-Za-z.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9A-Za-z.])/g, 'ip'],
  [/(?<![0-9A-Za-z-])sessy-[A-Za-z0-9]{4}(?![0-9A-Za-z-])/g, 'hostname'],
  [/(?<![0-9A-Za-z-])homevolt-[0-9a-f]{12}(?![0-9A-Za-z-])/gi, 'hostname'],
];

/** Identity values in free text, found by their shape. */
export function identitiesInText(text: string): IdentityValue[] {
  const out: IdentityValue[] = [];
  for (const [re, category] of SHAPES) {
    for (const m of text.matchAll(re)) {
      const value = m[0];
      if (category === 'ip' && !value.split('.').every((o) => Number(o) <= 255)) continue;
      const found = classify(category, value);
      if (found) out.push(found);
    }
  }
  return out;
}

/**
 * Sessy network/status writes an IP as an array of octets (`"ip": [10,10,10,10]`, docs/sessy.md §3.9). Returns the
 * array spans in `text` with their dotted form, so the redactor can rewrite them in place, whitespace kept.
 */
export function octetArrays(text: string): Array<{ start: number; end: number; dotted: string; octetSpans: Array<[number, number]> }> {
  const out: Array<{ start: number; end: number; dotted: string; octetSpans: Array<[number, number]> }> = [];
  const re = /"ip"\s*:\s*\[\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\]/g;
  for (const m of text.matchAll(re)) {
    const octets = m.slice(1, 5) as string[];
    const dotted = octets.join('.');
    if (IGNORED.test(dotted) || octets.some((o) => Number(o) > 255)) continue;
    const spans: Array<[number, number]> = [];
    let cursor = m[0].indexOf('[');
    for (const o of octets) {
      const at = m[0].indexOf(o, cursor);
      spans.push([m.index + at, m.index + at + o.length]);
      cursor = at + o.length;
    }
    out.push({ start: m.index, end: m.index + m[0].length, dotted, octetSpans: spans });
  }
  return out;
}
