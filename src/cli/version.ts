import { readFileSync } from 'node:fs';

/** The version in package.json, read at run time so a release needs one edit only. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
