/** `param_get`, `param_set`, `param_list`, `param_store`, `param_reset` (docs/homevolt.md §3.5 help). */
import type { HomevoltDevice } from '../device.ts';
import { HomevoltError } from '../errors.ts';
import { findParam, findParamById, type ParamValue } from '../param-table.ts';
import { parseArgs } from './args.ts';
import { CommandFailure } from './schedule-commands.ts';

const show = (values: readonly ParamValue[]): string => values.map(String).join(' ');

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HomevoltError) throw new CommandFailure([e.message]);
    throw e;
  }
}

export function paramGet(device: HomevoltDevice, args: readonly string[]): string[] {
  if (args.length !== 1) throw new CommandFailure([args.length === 0 ? 'param_get: missing option <key>' : `param_get: too many arguments "${args[1]}"`], 1);
  return [wrap(() => show(device.params.get(args[0]!)))];
}

export function paramSet(device: HomevoltDevice, args: readonly string[]): string[] {
  const { flags, positionals } = parseArgs('param_set', args, [
    { short: 'f', long: 'force', value: false },
    { short: 'c', long: 'commit', value: false },
  ]);
  if (positionals.length < 2) throw new CommandFailure([positionals.length === 0 ? 'param_set: missing option <key>' : 'param_set: missing option <value>'], 1);
  const [key, ...values] = positionals as [string, ...string[]];
  const before = wrap(() => device.params.get(key));
  wrap(() => device.params.set(key, values, flags.get('commit') === true));
  if (key === 'settings_local' && before[0] !== device.params.get(key)[0]) {
    device.event('info', 'ecu', `Local mode ${device.params.getBool(key) ? 'enabled' : 'disabled'}`);
  }
  return [];
}

export function paramList(device: HomevoltDevice, args: readonly string[]): string[] {
  const { flags } = parseArgs('param_list', args, [
    { short: 'd', long: 'defaults', value: false },
    { short: 'n', long: 'non-defaults', value: false },
  ]);
  return device.params
    .list()
    .filter(({ def, value }) => flags.get('non-defaults') !== true || show(def.defaults) !== show(value))
    .map(({ def, value }) => (flags.get('defaults') === true ? `${def.name} ${show(value)} (default: ${show(def.defaults)})` : `${def.name} ${show(value)}`));
}

export function paramStore(device: HomevoltDevice, args: readonly string[]): string[] {
  const { positionals } = parseArgs('param_store', args, [{ short: 'c', long: 'clean', value: false }]);
  const idText = positionals[0];
  if (idText === undefined) {
    device.params.store();
    return [];
  }
  // A name is accepted too, as the Homey app sends `param_store settings_local` [INFER].
  const def = /^\d+$/.test(idText) ? findParamById(Number(idText)) : findParam(idText);
  if (!def) throw new CommandFailure([`Parameter '${idText}' not found`]);
  device.params.store(def.id);
  return [];
}

export function paramReset(device: HomevoltDevice, args: readonly string[]): string[] {
  const idText = args[0];
  if (idText !== undefined && !/^\d+$/.test(idText)) throw new CommandFailure([`param_reset: invalid argument "${idText}" to option <param_id>`], 1);
  wrap(() => device.params.reset(idText === undefined ? undefined : Number(idText)));
  return [];
}
