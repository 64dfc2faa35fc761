import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { privateDirectory, readOrUndefined, writeAtomically } from './cacheFiles.js';
import { helpText, isHelpOnly, type HelpText } from './helpText.js';

export { privateDirectory } from './cacheFiles.js';

// Runs the CommonJS bundle (dist/podscope.cjs, made by scripts/build.mjs) with a V8 code cache.
// Node 20 cannot cache the compilation of ES modules; a script compiled through vm.Script can take
// the compiled code of an earlier run (`cachedData`) and skip parsing and compiling what it had run.
// The cache is written once per key, at exit, so it holds the functions the command compiled lazily
// too. It lives in the user's cache directory (the package's may be read-only), one file per command
// (each caches what it ran), and never stops the command: whatever goes wrong with it, the bundle runs
// uncached.

/** The bundle's first line: `//podscope-bundle <hash>`, the hash of everything after it (scripts/build.mjs; the bundle is never edited in place). */
const HEADER = '//podscope-bundle ';

/** Caches of other builds are removed once this old. */
const UNUSED_KEY_DAYS = 7;

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
  // A relative one is ignored, as the XDG spec says: it would be a folder of the working directory
  // (a cloned repository could ship a cache, which is code, for us to run).
  if (xdg !== undefined && isAbsolute(xdg)) roots.push(join(xdg, 'podscope'));
  try {
    roots.push(join(homedir(), '.cache', 'podscope'));
  } catch {
    // No home directory: the temp folder below.
  }
  roots.push(join(tmpdir(), `podscope-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`));
  return roots;
}

// The commands that compile different parts of the bundle; anything else is the explorer's. A word
// counted wrongly (a namespace called `tree`) only shares a cache, which stays correct.
const COMMANDS = new Set(['tree', 'events', 'logs', 'why', 'get', 'describe', 'debug', 'delete', 'port-forward', 'demo-server', 'completion', 'config']);

/** Flags that print and exit whatever the command: such a run compiles little of the command's code. */
const PRINT_ONLY = new Set(['help', '--help', '-h', '--version', '-v']);

/**
 * Which cache a command line uses. A cache is written once, by the first run of its family that
 * succeeds; a `podscope tree --help` counted as `tree` would leave `tree` a cache without its code.
 */
export function cacheFamily(argv: readonly string[]): string {
  // Tab completion runs little of any command it names (`__complete tree ''`).
  if (argv[0] === '__complete') return 'complete';
  if (argv.some((arg) => PRINT_ONLY.has(arg))) return 'help';
  return argv.find((arg) => COMMANDS.has(arg)) ?? 'explorer';
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

/**
 * Removes the caches of other builds and Node versions from `root` that were not written for a
 * while: two installs used in turn (a global one and npx, two Node versions) keep both theirs.
 */
function pruneOthers(root: string, keep: string): void {
  const before = Date.now() - UNUSED_KEY_DAYS * 24 * 3600 * 1000;
  for (const name of readdirSync(root)) {
    if (name !== keep && statSync(join(root, name)).mtimeMs < before) rmSync(join(root, name), { recursive: true, force: true });
  }
}

interface CacheSlot {
  file: string;
  data: Buffer | undefined;
  save(script: Script): void;
}

/** This bundle's folder of caches in the first usable root, made private; undefined: none usable. */
function cacheDirectory(roots: readonly string[], bundleHash: string): { usable: string; key: string; directory: string } | undefined {
  for (const root of roots) {
    const usable = privateDirectory(root) === undefined ? undefined : privateDirectory(join(root, 'code-cache'));
    if (usable === undefined) continue;
    const key = cacheKey(bundleHash);
    return { usable, key, directory: join(usable, key) };
  }
  return undefined;
}

function cacheSlot(roots: readonly string[], bundleHash: string, family: string): CacheSlot | undefined {
  const found = cacheDirectory(roots, bundleHash);
  if (found === undefined) return undefined;
  const { usable, key, directory } = found;
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

/** The hash on the bundle's first line, read without reading the rest; '' when it has none. */
function bundleHash(bundle: string): string {
  const fd = openSync(bundle, 'r');
  try {
    const head = Buffer.alloc(HEADER.length + 64);
    const line = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('latin1');
    const end = line.indexOf('\n');
    return line.startsWith(HEADER) && end > 0 ? line.slice(HEADER.length, end) : '';
  } finally {
    closeSync(fd);
  }
}

/**
 * V8's young generation starts at 1 MiB and doubles after each scavenge that finds it too small, up
 * to its 16 MiB maximum: a start-up that allocates a few tens of MiB scavenges 8 times before the
 * explorer's first frame (≈ 17 ms). Growing it 16-fold reaches the maximum after the first: 3
 * scavenges, ≈ 6 ms. Only the growth changes, not the maximum (a longer run gets there anyway);
 * `--min-semi-space-size` would do the same but is read only at Node's start. Set before the bundle
 * is compiled, so that the code cache, which records V8's flags, is made and checked under it.
 */
function growYoungGenerationFaster(): void {
  setFlagsFromString('--semi-space-growth-factor=16');
}

/** Runs the bundle with the command line `options.argv`, from the code cache where there is one. */
export function runBundle(options: RunBundleOptions): void {
  const cached = process.env['PODSCOPE_CODE_CACHE'] !== 'off';
  const roots = options.cacheRoots ?? codeCacheRoots();
  let help: HelpText | undefined;
  try {
    const hash = cached && isHelpOnly(options.argv) ? bundleHash(options.bundle) : '';
    const directory = hash === '' ? undefined : cacheDirectory(roots, hash)?.directory;
    help = directory === undefined ? undefined : helpText(directory, process.stdout);
  } catch {
    help = undefined;
  }
  if (help?.text !== undefined) {
    // `podscope --help | head`: a reader gone is no error (as src/cli/closedPipe.ts does for the bundle).
    process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 141 : 1));
    process.stdout.write(help.text);
    return;
  }
  help?.recordThisRun();
  growYoungGenerationFaster();
  // ASCII (scripts/build.mjs makes it so): Latin-1 reads it into a one-byte string without decoding.
  const source = readFileSync(options.bundle, 'latin1');
  const hash = source.startsWith(HEADER) ? source.slice(HEADER.length, source.indexOf('\n')) : '';
  let slot: CacheSlot | undefined;
  try {
    slot = hash === '' || !cached ? undefined : cacheSlot(roots, hash, cacheFamily(options.argv));
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
