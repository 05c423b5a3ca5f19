/** The environment variables battsim reads, in one place (the runtime owns process.env). */
export function envValue(
  name: 'BATTSIM_REDACT_KEY' | 'BATTSIM_URL' | 'BATTSIM_USER' | 'BATTSIM_PASSWORD' | 'BATTSIM_CONTROL_TOKEN' | 'BATTSIM_OUTLIVE_PARENT' | 'npm_execpath',
): string | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
}
