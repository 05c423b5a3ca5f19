/**
 * The yes/no half of validate.ts, generated as JavaScript source once per schema: a polled answer is nearly always
 * valid, and a check written out for its schema reads each known key by name (one monomorphic load per key)
 * instead of walking every key of the answer through a Map, as the general walk must to name a mismatch. Only
 * when this says no does validate.ts walk the answer to say where and why, so both must agree on every value: the
 * tests compare them on mutated real answers of every operation.
 *
 * The source is built from the schema alone (keys and patterns enter it as JSON string literals, numbers as
 * numbers), never from an answer, and run with `new Function`, as Ajv does.
 */
import type { WireSchema } from './validate.ts';

export type ValidityCheck = (value: unknown) => boolean;

/** Builds the source of the check functions, one per schema node, sharing constants (patterns, enum sets). */
class CheckWriter {
  readonly functions: string[] = [];
  readonly constants: unknown[] = [];
  private readonly names = new Map<WireSchema, string>();

  nameOf(schema: WireSchema): string {
    let name = this.names.get(schema);
    if (name === undefined) {
      name = `c${this.names.size}`;
      this.names.set(schema, name);
      this.functions.push(''); // reserve the slot; filled once the body is written (schemas may share nodes)
      const slot = this.functions.length - 1;
      this.functions[slot] = `function ${name}(v) {\n${this.body(schema)}\n  return true;\n}`;
    }
    return name;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  private body(schema: WireSchema): string {
    const lines: string[] = [];
    const { type } = schema;
    const nullOk = schema.nullable === true || type === undefined;
    lines.push(`  if (v === null) return ${nullOk};`);
    if (type !== undefined) lines.push(`  if (!(${typeTest(type)})) return false;`);
    if (schema.oneOf !== undefined) {
      const branches = schema.oneOf.map((branch) => `${this.nameOf(branch)}(v)`);
      lines.push(`  if (!(${branches.join(' || ') || 'false'})) return false;`);
    }
    if (schema.pattern !== undefined) lines.push(`  if (typeof v === 'string' && !${this.constant(new RegExp(schema.pattern, 'u'))}.test(v)) return false;`);
    if (schema.minimum !== undefined) lines.push(`  if (typeof v === 'number' && v < ${schema.minimum}) return false;`);
    if (schema.maximum !== undefined) lines.push(`  if (typeof v === 'number' && v > ${schema.maximum}) return false;`);
    if (schema.enum !== undefined) lines.push(`  if (!${this.constant(new Set<unknown>(schema.enum))}.has(v)) return false;`);
    const descends = schema.items !== undefined || schema.required !== undefined || schema.properties !== undefined || schema.additionalProperties !== undefined;
    if (!descends) return lines.join('\n');
    lines.push(`  if (typeof v !== 'object') return true;`);
    lines.push(`  if (Array.isArray(v)) {`);
    if (schema.items !== undefined) {
      lines.push(`    for (let i = 0; i < v.length; i++) if (!${this.nameOf(schema.items)}(v[i])) return false;`);
    }
    lines.push(`    return true;`, `  }`);
    for (const key of schema.required ?? []) lines.push(`  if (!(${JSON.stringify(key)} in v)) return false;`);
    const properties = Object.entries(schema.properties ?? {});
    for (const [key, sub] of properties) {
      const literal = JSON.stringify(key);
      // JSON.parse gives own keys only; a key Object.prototype also has must not read the inherited value.
      const read = key in Object.prototype ? `(Object.hasOwn(v, ${literal}) ? v[${literal}] : undefined)` : `v[${literal}]`;
      lines.push(`  { const x = ${read}; if (x !== undefined && !${this.nameOf(sub)}(x)) return false; }`);
    }
    if (schema.additionalProperties !== undefined) {
      const known = this.constant(new Set(properties.map(([key]) => key)));
      lines.push(`  for (const key in v) if (!${known}.has(key) && !${this.nameOf(schema.additionalProperties)}(v[key])) return false;`);
    }
    return lines.join('\n');
  }
}

/** The type test of validate.ts's hasType, as an expression on `v`. */
function typeTest(type: NonNullable<WireSchema['type']>): string {
  switch (type) {
    case 'object':
      return `typeof v === 'object' && !Array.isArray(v)`;
    case 'array':
      return `Array.isArray(v)`;
    case 'integer':
      return `typeof v === 'number' && Number.isInteger(v)`;
    case 'number':
      return `typeof v === 'number' && Number.isFinite(v)`;
    default:
      return `typeof v === ${JSON.stringify(type)}`;
  }
}

/**
 * Compiles a schema into a check that answers whether a decoded JSON value matches it; null where the process
 * forbids generating code (`node --disallow-code-generation-from-strings`), and then validate.ts walks every answer.
 */
export function compileValidityCheck(schema: WireSchema): ValidityCheck | null {
  const writer = new CheckWriter();
  const root = writer.nameOf(schema);
  const source = `${writer.functions.join('\n')}\nreturn ${root};`;
  try {
    return new Function('k', source)(writer.constants) as ValidityCheck;
  } catch (error) {
    if (error instanceof EvalError) return null;
    throw error;
  }
}
