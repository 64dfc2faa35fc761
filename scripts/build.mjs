#!/usr/bin/env node
// Bundles podscope into one file, dist/podscope.mjs, that runs with nothing but `node`: the npm
// package's bin loads it, and it can be copied alone to a jump box. Build-time fixes to
// dependencies are applied here, to the bundle, never by editing node_modules.
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { inkFrameCaches, inkMeasureTextCache, inkWrapTextCache } from './inkCaches.mjs';
import { lazyRegexes, loneClusterFastPath } from './lazyRegexes.mjs';
import { sameStyleRuns } from './styleRuns.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist', 'app');

// Ink 6.8's incremental renderer moves the cursor up one row too few when a frame ends with a
// newline (every non-fullscreen frame does), so from the second frame on the whole screen is drawn
// one row lower. Incremental rendering is what keeps a clock tick from redrawing the whole screen
// over SSH, so the bundle carries a one-expression fix. A newer Ink whose code differs fails the
// build: check whether it still has the bug (the e2e tests tell) and update or drop this.
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
const inkCaches = {
  name: 'ink-caches',
  setup(esbuild) {
    const rewrites = { 'output.js': inkFrameCaches, 'measure-text.js': inkMeasureTextCache, 'wrap-text.js': inkWrapTextCache };
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/](output|measure-text|wrap-text)\.js$/ }, (args) => {
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
    ];
    esbuild.onLoad({ filter: /[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/](config|oidc_auth)\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const [file, from, to] of edits) {
        if (!args.path.endsWith(file)) continue;
        if (source.split(from).length !== 2) return { errors: [{ text: `${args.path} differs from client-node 1.4 (${from}): review the client-node-slim plugin in scripts/build.mjs` }] };
        source = source.replace(from, to);
      }
      if (/(^|[^.\w])(oidc\.|SocksProxyAgent|HttpsProxyAgent|HttpProxyAgent|ServerConfiguration|createConfiguration|new Headers)/.test(source.replace(/require\('[^']+'\)\.\w+/g, ''))) {
        return { errors: [{ text: `${args.path} uses more of its proxy agents, openid-client, node-fetch or generated configuration than client-node 1.4: review the client-node-slim plugin in scripts/build.mjs` }] };
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

// yoga-layout (Ink's layout) carries its WebAssembly inline, as a data: URL it decodes itself, but
// first asks `typeof fetch`: in Node that getter loads undici, Node's whole fetch implementation
// (~15 ms of every explorer start), only to take the inline branch anyway. The bundle skips the
// question. A yoga-layout whose line differs fails the build: check it still embeds its binary.
const yogaNoFetch = {
  name: 'yoga-no-fetch',
  setup(esbuild) {
    const asks = 'return w||"function"!=typeof fetch?Promise.resolve()';
    const inline = 'return true?Promise.resolve()';
    esbuild.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(asks).length !== 2 || !source.includes('data:application/octet-stream;base64,')) return { errors: [{ text: `${args.path} differs from yoga-layout 3.2: review the yoga-no-fetch plugin in scripts/build.mjs` }] };
      return { contents: source.replace(asks, inline), loader: 'js' };
    });
  },
};

// Ink writes each screen line through ansi-tokenize's styledCharsToString, which diffs the styles of
// every two neighbouring characters; the bundle skips the diff between two with the same styles
// (see scripts/styleRuns.mjs).
const styleRuns = {
  name: 'style-runs',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, (args) => {
      try {
        return { contents: sameStyleRuns(readFileSync(args.path, 'utf8')), loader: 'js' };
      } catch (error) {
        return { errors: [{ text: `${args.path}: ${error.message}` }] };
      }
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(root, 'src', 'cli', 'entry.ts')],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // PODSCOPE_BUILD_READABLE=1 keeps names, for CPU profiles (node --cpu-prof) that say which function costs.
  minify: process.env.PODSCOPE_BUILD_READABLE !== '1',
  legalComments: 'eof',
  sourcemap: 'linked',
  metafile: true,
  // node-pty is native and optional (loaded with require at run time, see src/demo/streams/pseudoTerminal.ts).
  external: ['node-pty'],
  define: { 'process.env.NODE_ENV': '"production"', PODSCOPE_VERSION: JSON.stringify(manifest.version) },
  // CommonJS dependencies call require() for Node's built-ins; an ES module has none of its own.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as podscopeCreateRequire } from 'node:module';\nconst require = podscopeCreateRequire(import.meta.url);" },
  plugins: [inkCursorFix, inkCaches, noDevtools, lazySegmenter, clientNodeSlim, noWhatwgUrl, yogaNoFetch, styleRuns, noHelpCache],
  logLevel: 'warning',
});
if (process.argv.includes('--analyze')) {
  writeFileSync(join(root, 'dist', 'podscope.meta.json'), JSON.stringify(result.metafile));
}

// The same program as one file, dist/podscope.mjs, for a jump box with only `node`: the chunks
// above, gzipped inside a small launcher. `--version` answers from the launcher; anything else
// unpacks the chunks once into a private cache directory (by content hash) and runs them from
// there, so each command still loads only what it uses.
const chunks = {};
for (const name of readdirSync(outdir).filter((file) => file.endsWith('.mjs')).sort()) chunks[name] = readFileSync(join(outdir, name), 'utf8');
const payload = JSON.stringify(chunks);
const hash = createHash('sha256').update(payload).digest('hex').slice(0, 16);
const launcher = readFileSync(join(root, 'scripts', 'single-file-launcher.mjs'), 'utf8')
  .replace("'@VERSION@'", JSON.stringify(manifest.version))
  .replace("'@HASH@'", JSON.stringify(hash))
  .replace("'@PAYLOAD@'", JSON.stringify(gzipSync(payload, { level: 9 }).toString('base64')));
const single = join(root, 'dist', 'podscope.mjs');
writeFileSync(single, launcher);
chmodSync(single, 0o755);
