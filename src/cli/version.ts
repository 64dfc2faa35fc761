import { readFileSync } from 'node:fs';

/** Set by the bundler (scripts/build.mjs) to package.json's version. */
declare const PODSCOPE_VERSION: string | undefined;

/** The version in package.json: baked into the bundle, read at run time from the sources. */
export function packageVersion(): string {
  if (typeof PODSCOPE_VERSION === 'string') return PODSCOPE_VERSION;
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
