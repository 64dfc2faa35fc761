#!/usr/bin/env node
// Bundles podscope into one CommonJS file, dist/podscope.cjs, that the npm package's bin runs with a
// V8 code cache, and packs it into dist/podscope.mjs, which runs with nothing but `node` and can be
// copied alone to a jump box. Build-time fixes to
// dependencies are applied here, to the bundle, never by editing node_modules.
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { inkFrameCaches, inkMeasureTextCache, inkOutputCells, inkRenderMeasuredWidth, inkWrapTextCache } from './inkCaches.mjs';
import { lazyFzfTable, lazyRegexes, lazySliceAnsiSegmenter, loneClusterFastPath, tokenizeFastPath } from './lazyRegexes.mjs';
import { sameStyleRuns, sharedStyleLists } from './styleRuns.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Ink 6.8's incremental renderer moves the cursor up one row too few when a frame ends with a
// newline (every non-fullscreen frame does), so from the second frame on the whole screen is drawn
// one row lower. Incremental rendering is what keeps a clock tick from redrawing the whole screen
// over SSH, so the bundle carries a one-expression fix. A newer Ink whose code differs fails the
// build: check whether it still has the bug (the e2e tests tell) and update or drop this. The define
// PODSCOPE_INK_CURSOR_FIXED below tells src/cli/tui/inkRenderer.ts so; unbundled, frames are whole.
const inkCursorFix = {
  name: 'ink-cursor-fix',
  setup(esbuild) {
    const broken = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
    const fixed = "buffer.push(ansiEscapes.cursorUp(previousOutput.endsWith('\\n') ? previousVisible : previousVisible - 1));";
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.includes(fixed)) return { contents: source, loader: 'js' };
      if (!source.includes(broken)) return { errors: [{ text: `${args.path} differs from ink 6.8: review the incremental renderer fix in scripts/build.mjs` }] };
      return { contents: source.replace(broken, fixed), loader: 'js' };
    });
  },
};

// Ink's caches bounded: the output caches by what a frame shows, the module-wide text caches by
// entries (scripts/inkCaches.mjs); Ink keeps every text it ever drew, which a log firehose makes unbounded.
// And drawing takes a text's width from the layout's measure instead of measuring it again, and a
// frame's blank cells are one shared object.
const inkCaches = {
  name: 'ink-caches',
  setup(esbuild) {
    const rewrites = { 'output.js': (source) => inkOutputCells(inkFrameCaches(source)), 'measure-text.js': inkMeasureTextCache, 'wrap-text.js': inkWrapTextCache, 'render-node-to-output.js': inkRenderMeasuredWidth };
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/](output|measure-text|wrap-text|render-node-to-output)\.js$/ }, (args) => {
      const rewrite = rewrites[args.path.split(/[\\/]/).pop()];
      try {
        return { contents: rewrite(readFileSync(args.path, 'utf8')), loader: 'js' };
      } catch (error) {
        return { errors: [{ text: `${args.path} ${error.message}` }] };
      }
    });
  },
};

// Ink imports react-devtools-core only when DEV=true; the bundle has no devtools, and says so the way Ink expects.
const noDevtools = {
  name: 'no-react-devtools',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'podscope-stub' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'podscope-stub' }, () => ({
      contents: "const error = new Error('react-devtools-core is not part of the podscope bundle'); error.code = 'ERR_MODULE_NOT_FOUND'; throw error;",
      loader: 'js',
    }));
  },
};

// One string-width in the bundle: yargs' cliui pins 7.x, which segments every string (no ASCII fast
// path: ~10 ms for one --help), while Ink and wrap-ansi already use 8.x with the same API.
// string-width (yargs' help layout and Ink's) makes an Intl.Segmenter when it loads, which costs ~7 ms
// of ICU start-up even when every string it measures is ASCII (its fast path needs none). The
// bundle makes it on first use instead. Only a speed-up: where the line differs nothing changes.
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(esbuild) {
    const eager = 'const segmenter = new Intl.Segmenter();';
    const lazy = 'let segmenterInstance; const segmenter = { segment: (text) => (segmenterInstance ??= new Intl.Segmenter()).segment(text) };';
    const newest = fileURLToPath(import.meta.resolve('string-width', pathToFileURL(join(root, 'package.json'))));
    esbuild.onResolve({ filter: /^string-width$/ }, () => ({ path: newest }));
    esbuild.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => ({ contents: lazyRegexes(loneClusterFastPath(readFileSync(args.path, 'utf8').replace(eager, lazy))), loader: 'js' }));
  },
};

// client-node's package.json does not say its modules are free of side effects, so esbuild keeps
// all of it (every typed API, every generated model: 3.4 MB to compile at each start) as soon as one
// class is imported. Its modules only define classes and functions; marked so, a chunk keeps only
// what podscope uses. An import through one of its index files (`export *` of every API and model)
// still puts all of client-node in the importer's chunk, so podscope imports the files it needs
// (`@kubernetes/client-node/dist/config.js`), and KubeConfig's own import of gen/index.js is
// dropped (see the edits below). A newer client-node whose lines differ fails the build:
// check what config.js and oidc_auth.js import and update this.
const clientNodeSlim = {
  name: 'client-node-slim',
  setup(esbuild) {
    const inClientNode = /[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/]/;
    esbuild.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.clientNodeResolving) return undefined;
      if (!args.path.startsWith('@kubernetes/client-node') && !inClientNode.test(args.importer)) return undefined;
      const resolved = await esbuild.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { clientNodeResolving: true } });
      if (resolved.errors.length > 0 || !inClientNode.test(resolved.path)) return undefined;
      return { ...resolved, sideEffects: false };
    });
    // [file, what it says, what the bundle says instead]. The proxy agents (socks, ip-address,
    // debug…) and openid-client are loaded when a proxy-url or an OIDC user needs them, not at
    // every start: require() of a bundled module runs it on first call.
    const edits = [
      // makeApiClient is the one user of the generated configuration, whose HTTP library (node-fetch,
      // and with it zlib, stream, url) every start would load; podscope makes its API clients itself
      // (src/kube/http/retryingHttp.ts). applyToFetchOptions (client-node's watch, log, metrics
      // helpers, which podscope does not use either) loads node-fetch's Headers when it is called.
      ['config.js', "import { createConfiguration, ServerConfiguration, } from './gen/index.js';", ''],
      ['config.js', "import { Headers } from 'node-fetch';", ''],
      ['config.js', 'const headers = new Headers();', "const headers = new (await import('node-fetch')).Headers();"],
      [
        'config.js',
        'const baseServerConfig = new ServerConfiguration(cluster.server, {});\n        const config = createConfiguration({\n            baseServer: baseServerConfig,\n            authMethods: authConfig,\n        });\n        const apiClient = new apiClientType(config);\n        return apiClient;',
        "throw new Error('the podscope bundle makes its API clients with makeRetryingApiClient (src/kube/http/retryingHttp.ts), not KubeConfig.makeApiClient');",
      ],
      ['config.js', "import { SocksProxyAgent } from 'socks-proxy-agent';", ''],
      ['config.js', "import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';", ''],
      ['config.js', 'new SocksProxyAgent(', "new (require('socks-proxy-agent').SocksProxyAgent)("],
      ['config.js', 'new HttpsProxyAgent(', "new (require('hpagent').HttpsProxyAgent)("],
      ['config.js', 'new HttpProxyAgent(', "new (require('hpagent').HttpProxyAgent)("],
      ['oidc_auth.js', "import * as oidc from 'openid-client';", ''],
      ['oidc_auth.js', 'await oidc.refreshTokenGrant(', "await (await import('openid-client')).refreshTokenGrant("],
      ['oidc_auth.js', 'await oidc.discovery(', "await (await import('openid-client')).discovery("],
      // The credential plugins' child_process (and dgram with it) and the cloud providers' jsonpath-plus
      // (with vm) are loaded when a user's exec, azure or gcp credentials run, not by every KubeConfig.
      ['config.js', "import child_process from 'node:child_process';", ''],
      ['config.js', 'child_process.spawnSync(', "require('node:child_process').spawnSync("],
      ['exec_auth.js', "import child_process from 'node:child_process';", ''],
      ['exec_auth.js', 'this.execFn = child_process.spawn;', "this.execFn = (...args) => require('node:child_process').spawn(...args);"],
      ['azure_auth.js', "import proc from 'node:child_process';", ''],
      ['azure_auth.js', "import * as jsonpath from 'jsonpath-plus';", ''],
      ['azure_auth.js', 'proc.execSync(', "require('node:child_process').execSync("],
      ['azure_auth.js', 'jsonpath.JSONPath(', "require('jsonpath-plus').JSONPath("],
      ['gcp_auth.js', "import proc from 'node:child_process';", ''],
      ['gcp_auth.js', "import * as jsonpath from 'jsonpath-plus';", ''],
      ['gcp_auth.js', 'proc.execSync(', "require('node:child_process').execSync("],
      ['gcp_auth.js', 'jsonpath.JSONPath(', "require('jsonpath-plus').JSONPath("],
    ];
    esbuild.onLoad({ filter: /[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/](config|oidc_auth|exec_auth|azure_auth|gcp_auth)\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const [file, from, to] of edits) {
        if (!args.path.endsWith(`/${file}`) && !args.path.endsWith(`\\${file}`)) continue;
        // Every occurrence: the cloud providers call execSync and JSONPath more than once.
        if (!source.includes(from)) return { errors: [{ text: `${args.path} differs from client-node 1.4 (${from}): review the client-node-slim plugin in scripts/build.mjs` }] };
        source = source.replaceAll(from, to);
      }
      if (/(^|[^.\w])(oidc\.|child_process\.|proc\.|jsonpath\.|SocksProxyAgent|HttpsProxyAgent|HttpProxyAgent|ServerConfiguration|createConfiguration|new Headers)/.test(source.replace(/require\('[^']+'\)\.\w+/g, ''))) {
        return { errors: [{ text: `${args.path} uses more of its proxy agents, openid-client, child_process, jsonpath-plus, node-fetch or generated configuration than client-node 1.4: review the client-node-slim plugin in scripts/build.mjs` }] };
      }
      return { contents: source, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// node-fetch 2 (client-node's HTTP library) falls back to the whatwg-url package only where Node
// has no URL class (`Url.URL || whatwgUrl.URL`); every Node podscope runs on has one, and whatwg-url
// brings tr46's 260 KB Unicode table that every start would compile. A node-fetch whose line differs
// fails the build: check whether it still only falls back to it.
const noWhatwgUrl = {
  name: 'no-whatwg-url',
  setup(esbuild) {
    const cjs = "var whatwgUrl = _interopDefault(require('whatwg-url'));";
    const esm = "import whatwgUrl from 'whatwg-url';";
    const fallback = 'const URL = Url.URL || whatwgUrl.URL;';
    esbuild.onLoad({ filter: /[\\/]node-fetch[\\/]lib[\\/]index\.m?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const line = source.includes(cjs) ? cjs : esm;
      if (!source.includes(line) || !source.includes(fallback)) return { errors: [{ text: `${args.path} differs from node-fetch 2.7: review the no-whatwg-url plugin in scripts/build.mjs` }] };
      return { contents: source.replace(line, 'const whatwgUrl = {};'), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// yargs renders a command's whole help text (every option, laid out by cliui) each time it runs a
// command handler, in case an async handler fails and the help is to be shown with the error.
// podscope's .fail() throws instead (src/cli/main.ts): that text was never shown, yet cost ~5 ms of
// every one-shot command. A yargs whose line differs fails the build: check whether it still does this.
const noHelpCache = {
  name: 'no-help-cache',
  setup(esbuild) {
    const call = 'yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();';
    esbuild.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(call).length !== 2) return { errors: [{ text: `${args.path} differs from yargs 17: review the no-help-cache plugin in scripts/build.mjs` }] };
      return { contents: source.replace(call, ''), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// The bundle is a CommonJS script, so that V8 can cache its compiled code (src/launch/runBundle.ts),
// and a script has no top-level await. Ink's reconciler awaits two imports, only with DEV=true
// (devtools, which the bundle has not: the error Ink expects is thrown instead). yoga-layout (Ink's
// layout) awaits its WebAssembly, which it carries inline as base64: Node may compile and instantiate
// that synchronously, which also skips yoga's `typeof fetch` (in Node that getter loads undici, ~15 ms)
// and the promise. Dependencies whose lines differ fail the build: check what they await now.
const noTopLevelAwait = {
  name: 'no-top-level-await',
  setup(esbuild) {
    const inkEdits = [
      ["await import('./devtools.js');", "throw Object.assign(new Error('react-devtools-core is not part of the podscope bundle'), { code: 'ERR_MODULE_NOT_FOUND' });"],
      ['? await loadPackageJson()', "? { name: 'ink', version: undefined }"],
    ];
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const [from, to] of inkEdits) {
        if (source.split(from).length !== 2) return { errors: [{ text: `${args.path} differs from ink 6.8 (${from}): review the no-top-level-await plugin in scripts/build.mjs` }] };
        source = source.replace(from, to);
      }
      return { contents: source, loader: 'js', resolveDir: dirname(args.path) };
    });
    const index = ['const Yoga = wrapAssembly(await loadYoga());', 'const yogaModule = {}; loadYoga(yogaModule); const Yoga = wrapAssembly(yogaModule);'];
    esbuild.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(index[0]).length !== 2) return { errors: [{ text: `${args.path} differs from yoga-layout 3.2: review scripts/build.mjs` }] };
      return { contents: source.replace(...index), loader: 'js', resolveDir: dirname(args.path) };
    });
    const asyncStart = '(function(){return w||"function"!=typeof WebAssembly.instantiateStreaming||ua(H)||"function"!=typeof fetch?c(b):fetch(H,{credentials:"same-origin"}).then(function(e){return WebAssembly.instantiateStreaming(e,d).then(b,function(f){v("wasm streaming compile failed: "+f);v("falling back to ArrayBuffer instantiation");return c(b)})})})().catch(ca);return{}';
    const syncStart = 'a(new WebAssembly.Instance(new WebAssembly.Module(wa()),d));return{}';
    // The inline WebAssembly (70 KB) decoded by Node's atob and a byte loop takes ~3.5 ms; Buffer's
    // native base64 decoder ~0.1 ms.
    const jsDecode = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
    const nativeDecode = 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))';
    esbuild.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(asyncStart).length !== 2 || source.split(jsDecode).length !== 2 || !source.includes('data:application/octet-stream;base64,')) return { errors: [{ text: `${args.path} differs from yoga-layout 3.2: review scripts/build.mjs` }] };
      return { contents: source.replace(asyncStart, syncStart).replace(jsDecode, nativeDecode), loader: 'js' };
    });
  },
};

// More ICU start-ups at load that ASCII text never needs: Ink's line tokenizer segments every line
// (see tokenizeFastPath in scripts/lazyRegexes.mjs); fzf fills its diacritics table with
// 5,824 String.normalize() calls (ICU's normalizer, ~8 ms) though only non-ASCII runes are looked up
// in it, and slice-ansi (Ink's clipping) makes an Intl.Segmenter (~12 ms of ICU break-iterator data)
// before its first call. Both are made on first use. Libraries whose lines differ fail the build.
const lazyUnicodeTables = {
  name: 'lazy-unicode-tables',
  setup(esbuild) {
    const rewrites = [
      [/[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, tokenizeFastPath],
      [/[\\/]fzf[\\/]dist[\\/]fzf\.es\.js$/, lazyFzfTable],
      [/[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, lazySliceAnsiSegmenter],
    ];
    for (const [filter, rewrite] of rewrites) {
      esbuild.onLoad({ filter }, (args) => {
        try {
          return { contents: rewrite(readFileSync(args.path, 'utf8')), loader: 'js' };
        } catch (error) {
          return { errors: [{ text: `${args.path} ${error.message}` }] };
        }
      });
    }
  },
};

// yargs' platform shim imports node:assert (~2 ms to load) for checks that hold in every run: it is
// loaded only when one fails. And each yargs instance first guesses its version by walking up from the
// working directory for a package.json to read (any project's, in a bundle): podscope sets its own
// (src/cli/main.ts), so the guess is skipped. A yargs whose lines differ fails the build.
const yargsLean = {
  name: 'yargs-lean',
  setup(esbuild) {
    const eager = "import { notStrictEqual, strictEqual } from 'assert'";
    // The same checks (Object.is, as node:assert's); node:assert only to throw its error.
    const lazy = [
      "const notStrictEqual = (actual, expected, message) => { if (Object.is(actual, expected)) require('node:assert').notStrictEqual(actual, expected, message); };",
      "const strictEqual = (actual, expected, message) => { if (!Object.is(actual, expected)) require('node:assert').strictEqual(actual, expected, message); };",
    ].join('\n');
    esbuild.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(eager).length !== 2 || !source.includes('const require = createRequire(import.meta.url);')) return { errors: [{ text: `${args.path} differs from yargs 18: review the yargs-lean plugin in scripts/build.mjs` }] };
      return { contents: source.replace(eager, lazy), loader: 'js', resolveDir: dirname(args.path) };
    });
    const guess = 'ver = this[kGuessVersion]();';
    esbuild.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]yargs-factory\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(guess).length !== 2) return { errors: [{ text: `${args.path} differs from yargs 18: review the yargs-lean plugin in scripts/build.mjs` }] };
      return { contents: source.replace(guess, "ver = 'unknown';"), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// Node built-ins that Ink's dependencies load at start for a rare case: signal-exit 3 loads
// node:assert (~4 ms) to check its argument (the same loose `==` inline, node:assert only to throw),
// terminal-size node:child_process (~3 ms) to ask `tput`/`resize` when the terminal does not say
// its size. Each is loaded when first needed instead.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(esbuild) {
    const edits = [
      [/[\\/]signal-exit[\\/]index\.js$/, "var assert = require('assert')", "var assert = { equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) } }", 'signal-exit 3'],
      [/[\\/]terminal-size[\\/]index\.js$/, "import {execFileSync} from 'node:child_process';", "const execFileSync = (...args) => require('node:child_process').execFileSync(...args);", 'terminal-size 4'],
    ];
    for (const [filter, from, to, version] of edits) {
      esbuild.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (source.split(from).length !== 2) return { errors: [{ text: `${args.path} differs from ${version}: review the lazy-builtins plugin in scripts/build.mjs` }] };
        return { contents: source.replace(from, to), loader: 'js', resolveDir: dirname(args.path) };
      });
    }
  },
};

// Ink writes each screen line through ansi-tokenize's styledCharsToString, which diffs the styles of
// every two neighbouring characters; the bundle skips the diff between two with the same styles,
// and the characters of a run share one style list (see scripts/styleRuns.mjs).
const styleRuns = {
  name: 'style-runs',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, (args) => {
      try {
        return { contents: sharedStyleLists(sameStyleRuns(readFileSync(args.path, 'utf8'))), loader: 'js' };
      } catch (error) {
        return { errors: [{ text: `${args.path}: ${error.message}` }] };
      }
    });
  },
};

// One CommonJS file, dist/podscope.cjs, as one function expression (what Node gives a module as its
// arguments) after a first line with the hash of the rest, which keys the code cache. Without
// splitting, esbuild turns each `await import()` of the sources into a lazy module init: a command
// still runs only the modules it uses.
const HASH_PLACEHOLDER = '0'.repeat(16);
rmSync(join(root, 'dist', 'app'), { recursive: true, force: true });
const bundleFile = join(root, 'dist', 'podscope.cjs');
const result = await build({
  entryPoints: [join(root, 'src', 'cli', 'entry.ts')],
  outfile: bundleFile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // PODSCOPE_BUILD_READABLE=1 keeps names, for CPU profiles (node --cpu-prof) that say which function costs.
  minify: process.env.PODSCOPE_BUILD_READABLE !== '1',
  legalComments: 'eof',
  sourcemap: 'linked',
  metafile: true,
  // node-pty is native and optional (loaded with require at run time, see src/demo/streams/pseudoTerminal.ts).
  external: ['node-pty'],
  define: { 'import.meta.url': 'podscopeBundleUrl', 'process.env.NODE_ENV': '"production"', 'globalThis.PODSCOPE_INK_CURSOR_FIXED': 'true', PODSCOPE_VERSION: JSON.stringify(manifest.version) },
  banner: { js: `//podscope-bundle ${HASH_PLACEHOLDER}\n(function (exports, require, module, __filename, __dirname) {\n'use strict';\nvar podscopeBundleUrl = require('node:url').pathToFileURL(__filename).href;` },
  footer: { js: '})' },
  plugins: [inkCursorFix, inkCaches, noDevtools, lazySegmenter, lazyUnicodeTables, clientNodeSlim, noWhatwgUrl, noTopLevelAwait, styleRuns, noHelpCache, yargsLean, lazyBuiltins],
  logLevel: 'warning',
});
if (process.argv.includes('--analyze')) {
  writeFileSync(join(root, 'dist', 'podscope.meta.json'), JSON.stringify(result.metafile));
}
let bundle = '';
for (const output of result.outputFiles) {
  if (output.path === bundleFile) bundle = output.text;
  else writeFileSync(output.path, output.contents);
}
// ASCII only, so the launcher reads it as Latin-1: ~1 ms for the file instead of ~10 ms of UTF-8
// decoding into a two-byte string. esbuild escapes all but tagged templates and regular expressions,
// where \uXXXX means the same character (a template's raw text, which podscope's tags do not read, differs).
bundle = bundle.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
// A script has no dynamic import(): esbuild turns those of the sources into lazy inits, but keeps
// one of an external module (a Node built-in) as it is, which would fail when it runs.
const kept = /[^\w$.]import\(\s*["'`][^"'`]*/.exec(bundle);
if (kept !== null) throw new Error(`the bundle keeps a dynamic import (${kept[0].slice(1)}…): use require() for Node's built-ins`);
const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
bundle = bundle.replace(HASH_PLACEHOLDER, hash);
writeFileSync(bundleFile, bundle);

// The npm bin's launcher (src/launch/runBundle.ts) as one CommonJS file, dist/launch.cjs, that
// bin/podscope.js requires: loading it as ES modules (three files) costs ~4 ms more per run.
await build({
  entryPoints: [join(root, 'src', 'launch', 'runBundle.ts')],
  outfile: join(root, 'dist', 'launch.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  logLevel: 'warning',
});

// The same program as one file, dist/podscope.mjs, for a jump box with only `node`: the bundle
// gzipped inside a small launcher. `--version` answers from the launcher; anything else unpacks the
// bundle once into a private cache directory (by content hash) and runs it from there.
const launcher = await build({
  entryPoints: [join(root, 'scripts', 'single-file-launcher.mjs')],
  write: false,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  logLevel: 'warning',
});
const single = join(root, 'dist', 'podscope.mjs');
writeFileSync(
  single,
  launcher.outputFiles[0].text
    .replace(/(['"])@VERSION@\1/, JSON.stringify(manifest.version))
    .replace(/(['"])@HASH@\1/, JSON.stringify(hash))
    .replace(/(['"])@PAYLOAD@\1/, () => JSON.stringify(gzipSync(bundle, { level: 9 }).toString('base64'))),
);
chmodSync(single, 0o755);
