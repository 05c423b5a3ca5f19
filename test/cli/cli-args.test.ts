import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../simulator/cli-args.ts';

describe('parseCliArgs', () => {
  it('shows help without a command and for --help', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each(['start', 'sessy', 'homevolt', 'sessy-meter', 'site', 'record', 'replay', 'contracts'])('shows help for `battsim %s --help` (and -h), even after other options', (command) => {
    expect(parseCliArgs([command, '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs([command, '--port', '0', '-h'])).toEqual({ kind: 'help' });
  });

  it('gives `start` the README defaults: Sessy on 8080, Homevolt on 8081, real time, seed 42', () => {
    expect(parseCliArgs(['start'])).toEqual({ kind: 'start', seed: 42, speed: 1, host: '127.0.0.1', sessyPort: 8080, homevoltPort: 8081, mdns: false, https: false, noControl: false, controlToken: undefined, scenario: undefined, start: undefined, readyJson: false, logLevel: undefined, logFormat: 'pretty', logEntries: undefined });
  });

  it('takes --mdns on every emulator and --https on Homevolt only, both off unless given', () => {
    expect(parseCliArgs(['sessy', '--mdns'])).toMatchObject({ kind: 'sessy', mdns: true });
    expect(parseCliArgs(['homevolt', '--mdns', '--https'])).toMatchObject({ kind: 'homevolt', mdns: true, https: true });
    expect(parseCliArgs(['homevolt'])).toMatchObject({ mdns: false, https: false });
    expect(parseCliArgs(['start', '--mdns', '--https'])).toMatchObject({ kind: 'start', mdns: true, https: true });
    // The dongle serves plain HTTP on port 80 only (docs/discovery-and-https.md).
    expect(() => parseCliArgs(['sessy', '--https'])).toThrow(/Unknown option '--https'/);
  });

  it('parses the sessy options of the README', () => {
    expect(parseCliArgs(['sessy', '--port', '0', '--seed', '7', '--speed', 'manual', '--user', 'DABCDEFG', '--password', 'PW12PW12', '--firmware', '1.7.2'])).toEqual({
      kind: 'sessy',
      port: 0,
      host: '127.0.0.1',
      seed: 7,
      speed: 'manual',
      user: 'DABCDEFG',
      password: 'PW12PW12',
      noAuth: false,
      firmware: '1.7.2',
      mdns: false,
      noControl: false,
      controlToken: undefined,
      scenario: undefined,
      readyJson: false,
      logLevel: undefined,
      logFormat: 'pretty',
      logEntries: undefined,
    });
  });

  it('takes the log options on every server: --log-level, --log-format, --log-entries', () => {
    expect(parseCliArgs(['homevolt', '--log-level', 'warn', '--log-format', 'json', '--log-entries', '2000'])).toMatchObject({ logLevel: 'warn', logFormat: 'json', logEntries: 2000 });
    expect(parseCliArgs(['start', '--log-level', 'silent'])).toMatchObject({ logLevel: 'silent' });
  });

  it('takes the control-plane options on every server', () => {
    expect(parseCliArgs(['homevolt', '--host', '0.0.0.0', '--control-token', 'abcdefgh', '--scenario', 's.yaml'])).toMatchObject({ host: '0.0.0.0', controlToken: 'abcdefgh', scenario: 's.yaml', noControl: false });
    expect(parseCliArgs(['start', '--no-control'])).toMatchObject({ noControl: true });
    expect(parseCliArgs(['homevolt', '--ready-json'])).toMatchObject({ readyJson: true });
    expect(parseCliArgs(['start', '--ready-json'])).toMatchObject({ readyJson: true });
  });

  it('takes --start now or an ISO 8601 time on every server, and leaves the default to the clock (issue 14)', () => {
    expect(parseCliArgs(['sessy', '--start', 'now'])).toMatchObject({ kind: 'sessy', start: 'now' });
    expect(parseCliArgs(['homevolt', '--start', '2026-03-29'])).toMatchObject({ kind: 'homevolt', start: '2026-03-29' });
    expect(parseCliArgs(['start', '--start', '2026-10-25T00:30:00Z'])).toMatchObject({ kind: 'start', start: '2026-10-25T00:30:00Z' });
    expect(parseCliArgs(['sessy'])).toMatchObject({ start: undefined });
  });

  it('keeps a word seed as text', () => {
    expect(parseCliArgs(['homevolt', '--seed', 'garage'])).toMatchObject({ kind: 'homevolt', seed: 'garage', units: 1, port: 8081 });
  });

  it.each([
    [['sessy', '--bogus'], /Unknown option '--bogus'/],
    [['sessy', '--port', 'eighty'], /--port must be a whole number/],
    [['sessy', '--port', '70000'], /--port must be a whole number/],
    [['sessy', '--speed=-3'], /--speed must be "manual" or a number/],
    [['sessy', '--no-auth', '--user', 'X'], /--no-auth cannot be combined/],
    [['homevolt', '--units', '0'], /--units must be a whole number from 1 to 16/],
    [['homevolt', '--seed', ''], /--seed needs a value/],
    [['fly'], /Unknown command "fly"/],
    [['sessy', '--no-control', '--scenario', 'x.yaml'], /--no-control cannot be combined/],
    [['sessy', '--start', 'soon'], /--start: "soon" is not "now", a date/],
    [['start', '--start', '2026-03-29T01:30:00'], /with Z or an offset/],
    [['homevolt', '--start', 'now', '--from-recording', 'x.har'], /--start cannot be combined with --from-recording/],
    [['sessy', '--log-level', 'loud'], /--log-level must be one of silent, fatal/],
    [['sessy', '--log-format', 'xml'], /--log-format must be "pretty" or "json"/],
    [['sessy', '--log-entries', '0'], /--log-entries must be a whole number from 1 to 100000/],
  ])('rejects %j with a usage error that names the problem', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
