#!/usr/bin/env node
// podscope in one file (made by scripts/build.mjs): copy it anywhere and run it with node 20.19+.
// The program (dist/podscope.cjs) is packed below; it is unpacked once into a directory only this
// user can write ($XDG_CACHE_HOME/podscope, else ~/.cache/podscope, else a private folder in the
// temp directory), named by its content hash, and run from there with a code cache beside it
// (src/launch/runBundle.ts), as the npm package runs it.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { codeCacheRoots, privateDirectory, runBundle } from '../src/launch/runBundle.ts';

const VERSION = '@VERSION@';
const HASH = '@HASH@';
const PAYLOAD = '@PAYLOAD@';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const roots = codeCacheRoots();
  const unpack = (root) => {
    const target = join(root, `${VERSION}-${HASH}`);
    const bundle = join(target, 'podscope.cjs');
    if (existsSync(bundle)) return bundle;
    const staging = `${target}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o700 });
    writeFileSync(join(staging, 'podscope.cjs'), gunzipSync(Buffer.from(PAYLOAD, 'base64')), { mode: 0o644 });
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another podscope unpacked the same version meanwhile: use theirs.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(bundle)) throw error;
    }
    return bundle;
  };

  let bundle;
  let lastError;
  for (const root of roots) {
    const usable = privateDirectory(root);
    if (usable === undefined) continue;
    try {
      bundle = unpack(usable);
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (bundle === undefined) {
    const why = lastError instanceof Error ? `: ${lastError.message}` : '';
    process.stderr.write(`podscope: found no private directory to unpack into (tried ${roots.join(', ')})${why}\n`);
    process.exit(1);
  }
  runBundle({ bundle, argv, cacheRoots: roots });
}
