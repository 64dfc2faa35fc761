#!/usr/bin/env node
// podscope in one file (made by scripts/build.mjs): copy it anywhere and run it with node 20.19+.
// The program's chunks are packed below; they are unpacked once into a directory only this user can
// write ($XDG_CACHE_HOME/podscope, else ~/.cache/podscope, else a private folder in the temp
// directory), named by their content hash, and run from there.
const VERSION = '@VERSION@';
const HASH = '@HASH@';
const PAYLOAD = '@PAYLOAD@';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const fs = await import('node:fs');
  const { join } = await import('node:path');
  const { homedir, tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const { gunzipSync } = await import('node:zlib');

  /** `directory` made (0700) or found, and only if it is ours and nobody else can write to it. */
  const privateDirectory = (directory) => {
    try {
      fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
      const stat = fs.lstatSync(directory);
      const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
      if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return undefined;
      fs.accessSync(directory, fs.constants.W_OK);
      return directory;
    } catch {
      return undefined;
    }
  };

  const cacheRoots = [
    process.env.XDG_CACHE_HOME ? join(process.env.XDG_CACHE_HOME, 'podscope') : undefined,
    join(homedir(), '.cache', 'podscope'),
    join(tmpdir(), `podscope-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`),
  ].filter((root) => root !== undefined);

  const unpack = (root) => {
    const target = join(root, `${VERSION}-${HASH}`);
    if (fs.existsSync(join(target, 'entry.mjs'))) return target;
    const staging = `${target}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { mode: 0o700 });
    const chunks = JSON.parse(gunzipSync(Buffer.from(PAYLOAD, 'base64')).toString('utf8'));
    for (const [name, source] of Object.entries(chunks)) fs.writeFileSync(join(staging, name), source, { mode: 0o644 });
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      // Another podscope unpacked the same version meanwhile: use theirs.
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(join(target, 'entry.mjs'))) throw error;
    }
    return target;
  };

  let directory;
  let lastError;
  for (const root of cacheRoots) {
    const usable = privateDirectory(root);
    if (usable === undefined) continue;
    try {
      directory = unpack(usable);
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (directory === undefined) {
    const why = lastError instanceof Error ? `: ${lastError.message}` : '';
    process.stderr.write(`podscope: found no private directory to unpack into (tried ${cacheRoots.join(', ')})${why}\n`);
    process.exit(1);
  }
  await import(pathToFileURL(join(directory, 'entry.mjs')).href);
}
