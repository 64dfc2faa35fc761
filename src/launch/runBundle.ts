import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync, constants, accessSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

// Runs the CommonJS bundle (dist/podscope.cjs, made by scripts/build.mjs) with a V8 code cache.
// Node 20 cannot cache the compilation of ES modules; a script compiled through vm.Script can take
// the compiled code of an earlier run (`cachedData`) and skip parsing and compiling what it had run.
// The cache is written once per key, at exit, so it holds the functions the command compiled lazily
// too. It lives in the user's cache directory (the package's may be read-only), one file per command
// (each caches what it ran), and never stops the command: any problem with it and the bundle runs
// uncached.

/** The bundle's first line: `//podscope-bundle <hash>`, the hash of everything after it. */
const HEADER = '//podscope-bundle ';

export interface RunBundleOptions {
  /** The bundle's path. */
  bundle: string;
  /** The command line after `node <script>` (it picks the cache). */
  argv: readonly string[];
  /** Where caches may go, first usable wins; default: `codeCacheRoots()`. */
  cacheRoots?: readonly string[];
}

/** $XDG_CACHE_HOME/podscope, ~/.cache/podscope, a private folder in the temp directory. */
export function codeCacheRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const roots: string[] = [];
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg !== undefined && xdg !== '') roots.push(join(xdg, 'podscope'));
  try {
    roots.push(join(homedir(), '.cache', 'podscope'));
  } catch {
    // No home directory: the temp folder below.
  }
  roots.push(join(tmpdir(), `podscope-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`));
  return roots;
}

/**
 * `directory` made (0700) or found, and only if it is ours and nobody else can write to it: a code
 * cache is code, so one another user could write would run as us.
 */
export function privateDirectory(directory: string): string | undefined {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = lstatSync(directory);
    const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return undefined;
    accessSync(directory, constants.W_OK);
    return directory;
  } catch {
    return undefined;
  }
}

// The commands that compile different parts of the bundle; anything else is the explorer's. A word
// counted wrongly (a namespace called `tree`) only shares a cache, which stays correct.
const COMMANDS = new Set(['tree', 'events', 'logs', 'why', 'get', 'describe', 'debug', 'delete', 'port-forward', 'demo-server', 'completion', 'config', 'help', '--help', '-h']);

/** Which cache a command line uses. */
export function cacheFamily(argv: readonly string[]): string {
  return argv.find((arg) => COMMANDS.has(arg))?.replace(/^-+/, '') ?? 'explorer';
}

/** A short stable hash (FNV-1a) of what changes V8's compiled code besides the bundle: its flags. */
function flagsHash(): string {
  const text = `${process.execArgv.join(' ')}\n${process.env['NODE_OPTIONS'] ?? ''}`;
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16);
}

/** The folder of caches for this bundle and this Node (a newer one replaces it). */
export function cacheKey(bundleHash: string): string {
  return `${bundleHash}-node${process.version}-${process.arch}`;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` whole or not at all (a reader sees the old file or the new one). */
function writeAtomically(file: string, data: Buffer): void {
  const staging = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(staging, 'w', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(staging, file);
  } catch {
    rmSync(staging, { force: true });
  }
}

/** Removes the caches of other builds and Node versions from `root`, keeping `keep`. */
function pruneOthers(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    if (name !== keep) rmSync(join(root, name), { recursive: true, force: true });
  }
}

interface CacheSlot {
  file: string;
  data: Buffer | undefined;
  save(script: Script): void;
}

function cacheSlot(roots: readonly string[], bundleHash: string, family: string): CacheSlot | undefined {
  for (const root of roots) {
    const usable = privateDirectory(root) === undefined ? undefined : privateDirectory(join(root, 'code-cache'));
    if (usable === undefined) continue;
    const key = cacheKey(bundleHash);
    const directory = join(usable, key);
    // One file per V8 flag set too (V8 refuses a cache made under other flags): runs with and
    // without, say, --cpu-prof do not rewrite each other's.
    const file = join(directory, `${family}-${flagsHash()}.v8`);
    return {
      file,
      data: readOrUndefined(file),
      save(script) {
        try {
          if (privateDirectory(directory) === undefined) return;
          pruneOthers(usable, key);
          writeAtomically(file, script.createCachedData());
        } catch {
          // A cache that cannot be written costs the next run its compile time, nothing else.
        }
      },
    };
  }
  return undefined;
}

/** Runs the bundle with the command line `options.argv`, from the code cache where there is one. */
export function runBundle(options: RunBundleOptions): void {
  // ASCII (scripts/build.mjs makes it so): Latin-1 reads it into a one-byte string without decoding.
  const source = readFileSync(options.bundle, 'latin1');
  const hash = source.startsWith(HEADER) ? source.slice(HEADER.length, source.indexOf('\n')) : '';
  let slot: CacheSlot | undefined;
  try {
    slot = hash === '' || process.env['PODSCOPE_CODE_CACHE'] === 'off' ? undefined : cacheSlot(options.cacheRoots ?? codeCacheRoots(), hash, cacheFamily(options.argv));
  } catch {
    slot = undefined;
  }
  let script: Script;
  try {
    script = new Script(source, { filename: options.bundle, cachedData: slot?.data });
  } catch (error) {
    // A cache V8 cannot even read (it rejects bad ones itself): compile without it.
    if (slot?.data === undefined) throw error;
    slot.data = undefined;
    script = new Script(source, { filename: options.bundle });
  }
  if (slot !== undefined && (slot.data === undefined || script.cachedDataRejected === true)) {
    const owned = slot;
    // Only a run that succeeded: a failed one (a bad flag, no cluster) ran little of its command.
    process.once('exit', (code) => {
      if (code === 0) owned.save(script);
    });
  }
  // The bundle is one function expression taking what Node gives a CommonJS module.
  const start = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, directory: string) => void;
  const module = { exports: {} };
  start(module.exports, createRequire(options.bundle), module, options.bundle, dirname(options.bundle));
}
