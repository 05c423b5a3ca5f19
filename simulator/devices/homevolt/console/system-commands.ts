/**
 * Diagnostics and system commands: `ems`, `energy`, `info`, `tasks`, `dmesg`, `reset`, `time`, `nodes`.
 * Their text has no capture; the shapes follow ESP-IDF's stock commands [INFER]. Other commands of the
 * captured help are known to the console but not emulated, and say so.
 */
import { localTime } from '../../../core/index.ts';
import type { HomevoltDevice } from '../device.ts';
import { parseArgs } from './args.ts';
import { CommandFailure } from './schedule-commands.ts';

export function diagnostics(device: HomevoltDevice, name: string, args: readonly string[]): readonly string[] {
  switch (name) {
    case 'ems':
      return ems(device);
    case 'energy':
      return energy(device, args);
    case 'info':
      return ['IDF Version:v5.1.4-dirty', 'Chip info:', '\tmodel:ESP32-S3', '\tcores:2', '\tfeature:/802.11bgn/BLE/External-Flash:16 MB', '\trevision number:0'];
    case 'tasks':
      return [
        'Task Name\tStatus\tPrio\tHWM\tTask#\tAffinity',
        'main\t\tX\t1\t3412\t5\t0',
        'IDLE1\t\tR\t0\t1012\t7\t1',
        'IDLE0\t\tR\t0\t1000\t6\t0',
        'ems_task\t\tB\t10\t2980\t12\t1',
        'wire_rx_task\tB\t12\t2200\t14\t1',
        'httpd\t\tB\t5\t3900\t18\t-1',
        'mqtt_task\tB\t5\t4100\t20\t-1',
      ];
    case 'dmesg':
      return dmesg(device, args);
    case 'reset': {
      const delay = args[0] === undefined ? 1000 : /^\d+$/.test(args[0]) ? Number(args[0]) : NaN;
      if (Number.isNaN(delay)) throw new CommandFailure([`reset: invalid argument "${args[0]}" to option <reset_delay_ms>`], 1);
      device.scheduleReboot(delay);
      return [delay === 0 ? 'Reboot aborted' : `Rebooting in ${delay} ms`];
    }
    case 'time': {
      const t = device.site.now();
      const local = localTime(t);
      const clock = new Date(t + local.offsetH * 3_600_000).toISOString().slice(11, 19);
      return [`The current date/time is: ${local.date} ${clock}`, `Uptime: ${Math.floor((t - device.bootedAtMs) / 1000)} s`];
    }
    case 'nodes': {
      const { grid, solar } = device.identity;
      return [grid, solar].map((n) => `node_id: ${n.nodeId}, eui: ${n.euid}, version: ${n.version}, rssi: ${n.rssiDbm}, available: true`);
    }
    default:
      throw new CommandFailure([`${name}: not available in the emulator`]);
  }
}

function ems(device: HomevoltDevice): string[] {
  const v = device.view();
  return v.units.map((u) => {
    const soc = ((u.moduleSoc[0] + u.moduleSoc[1]) / 2) * 100;
    return `EMS ${u.index} (${u.identity.ecuId}): power ${Math.round(u.powerW)} W, soc ${soc.toFixed(2)} %, avail_cap ${Math.round(u.availCapWh)} Wh, ch_lim ${Math.round(u.chargeLimitW)} W, di_lim ${Math.round(u.dischargeLimitW)} W`;
  });
}

function energy(device: HomevoltDevice, args: readonly string[]): string[] {
  const { flags } = parseArgs('energy', args, [
    { short: 's', long: 'store', value: false },
    { short: 'n', long: 'name', value: true },
    { short: 'i', long: 'imported', value: true },
    { short: 'e', long: 'exported', value: true },
  ]);
  if (flags.has('name') || flags.has('imported') || flags.has('exported')) throw new CommandFailure(['energy: changing counters is not available in the emulator']);
  const v = device.view();
  return v.units.map((u) => `ems_${u.index}: imported ${(u.producedWh / 1000).toFixed(2)} kWh, exported ${(u.consumedWh / 1000).toFixed(2)} kWh`);
}

function dmesg(device: HomevoltDevice, args: readonly string[]): string[] {
  const { flags } = parseArgs('dmesg', args, [
    { short: 'c', long: 'clear', value: false },
    { short: 'p', long: 'purge', value: false },
    { short: 's', long: 'stats', value: false },
    { short: 'l', long: 'limit', value: true },
  ]);
  if (flags.get('stats') === true) return [`Log buffer: ${device.logs.size}/${device.logs.capacity} entries`];
  if (flags.get('purge') === true) {
    device.logs.clear();
    return [];
  }
  const limitText = flags.get('limit');
  const limit = typeof limitText === 'string' ? Number(limitText) : -1;
  if (!Number.isInteger(limit)) throw new CommandFailure([`dmesg: invalid argument "${String(limitText)}" to option --limit`], 1);
  const lines = device.logs.list(limit < 0 ? undefined : limit).map((e) => `[${new Date(e.timestampMs).toISOString()}] ${e.level.toUpperCase()} ${e.tag}: ${e.data}`);
  if (flags.get('clear') === true) device.logs.clear();
  return lines;
}
