/**
 * Which names say a secret travels under them: field, parameter and header names (`ems_psk`, `wifiPassword`,
 * `X-Battsim-Token`, `Authorization`). Pure. Shared by the recorder's redactor (simulator/replay/) and the request log
 * of every emulator (what headers an entry keeps), so the two never disagree about what a secret is.
 */

/** Words that make a field, parameter or header name a secret's: `ems_psk`, `wifiPassword`, `X-Battsim-Token`. */
const SECRET_WORDS = new Set(['pass', 'password', 'passwd', 'passphrase', 'pwd', 'psk', 'secret', 'token', 'key', 'apikey', 'credential', 'credentials', 'cookie']);

/** The words of a name: split at `_ . - [ ]`, spaces and camelCase humps, lower-cased. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[_.\-[\]\s]+/)
    .filter((w) => w !== '');
}

export function isSecretName(name: string): boolean {
  return wordsOf(name).some((w) => SECRET_WORDS.has(w));
}

/** Headers that carry credentials by name; the challenges (`WWW-Authenticate`) carry none and replay needs them. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'www-authenticate' || lower === 'proxy-authenticate') return false;
  return lower === 'authorization' || lower === 'proxy-authorization' || lower === 'set-cookie' || lower.includes('auth') || isSecretName(name);
}
