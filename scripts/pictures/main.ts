/**
 * `npm run screenshots`: every picture and recording in screenshots/, from the real binary on the
 * embedded demo cluster. Each scene gets a fresh cluster (same port, seed and clock speed), so ages
 * and names are the same from run to run. Options: `--only NAME[,NAME]`, `--shots`, `--tours`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCast, replayCast } from './cast.js';
import { PtySession } from './ptySession.js';
import { SHOTS, TOURS, type Scene } from './scenes.js';
import { frameText } from './screenModel.js';
import { ANIMATION_FRAME_SECONDS } from './animation.js';
import { animatedSvg, screenSvg } from './svg.js';

/** Where the generator runs from: .tmp/pictures/scripts/pictures → the repository. */
const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');
const out = join(repo, 'screenshots');
const bin = join(repo, 'bin', 'podscope.js');

/** The demo cluster every scene runs on: a fixed port (it is in the header), seed and clock speed. */
export const DEMO = { port: Number(process.env['PICTURES_PORT'] ?? 16443), seed: 7, speed: 1 };

interface Cluster {
  kubeconfig: string;
  stop(): Promise<void>;
}

async function startCluster(dir: string): Promise<Cluster> {
  const kubeconfig = join(dir, 'demo.kubeconfig');
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'demo-server', '--port', String(DEMO.port), '--seed', String(DEMO.seed), '--speed', String(DEMO.speed), '--write-kubeconfig', kubeconfig],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PODSCOPE_CONFIG: '' } },
  );
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the demo cluster did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('kubeconfig:')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(new Error(`the demo cluster exited (${String(code)}): ${output} (is port ${DEMO.port} free? PICTURES_PORT picks another)`)));
  });
  return {
    kubeconfig,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** What every scene's podscope sees: the demo cluster, a home of its own, no config file, UTF-8. */
function sceneEnv(dir: string, kubeconfig: string, scene: Scene): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: join(dir, 'home'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    PODSCOPE_CONFIG: '',
    KUBECONFIG: kubeconfig,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    ...scene.env,
  };
}

async function withCluster(scene: Scene, run: (env: Record<string, string>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `podscope-pictures-${scene.name}-`));
  const cluster = await startCluster(dir);
  try {
    await run(sceneEnv(dir, cluster.kubeconfig, scene));
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function shoot(scene: Scene): Promise<string[]> {
  let written: string[] = [];
  await withCluster(scene, async (env) => {
    const session = await PtySession.start({ command: process.execPath, args: [bin, ...scene.args], cols: scene.cols, rows: scene.rows, env, cwd: repo });
    try {
      await scene.run(session);
      // Let the last key's frame land (Ink draws at most 20 per second).
      await new Promise((resolve) => setTimeout(resolve, 400));
      const frame = await session.frame();
      writeFileSync(join(out, `${scene.name}.svg`), screenSvg(frame, scene.title));
      writeFileSync(join(out, `${scene.name}.txt`), frameText(frame).map((line) => line.trimEnd()).join('\n').replace(/\n+$/, '') + '\n');
      written = [`${scene.name}.svg`, `${scene.name}.txt`];
      // Out of any overlay (log view, form, help) first: there q is not quit.
      for (const key of ['\x1b', '\x1b', 'q']) {
        session.write(key);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await session.waitForExit();
    } finally {
      await session.close();
    }
  });
  return written;
}

async function record(scene: Scene): Promise<string[]> {
  const castPath = join(out, `${scene.name}.cast`);
  await withCluster(scene, async (env) => {
    const session = await PtySession.start({
      command: process.execPath,
      args: [bin, ...scene.args],
      cols: scene.cols,
      rows: scene.rows,
      env,
      cwd: repo,
      castPath,
      title: scene.title,
      prompt: ['podscope', ...scene.args].join(' '),
    });
    try {
      await scene.run(session);
      session.show('$ ');
      await session.hold(1000);
      session.show('\r\n');
    } finally {
      await session.close();
    }
  });
  // The recorder keeps session recordings private (0600); these are for everyone.
  chmodSync(castPath, 0o644);
  return [`${scene.name}.cast`];
}

async function animate(name: string, title: string): Promise<string[]> {
  const replay = await replayCast(readCast(join(out, `${name}.cast`)), ANIMATION_FRAME_SECONDS);
  writeFileSync(join(out, `${name}.svg`), animatedSvg(replay.frames, title));
  return [`${name}.svg`];
}

async function main(argv: readonly string[]): Promise<void> {
  const only = argv.includes('--only') ? new Set((argv[argv.indexOf('--only') + 1] ?? '').split(',')) : undefined;
  const wanted = (scene: Scene): boolean => only === undefined || only.has(scene.name);
  const shots = !argv.includes('--tours');
  const tours = !argv.includes('--shots');
  mkdirSync(out, { recursive: true });
  const written = new Set<string>();
  const note = (files: string[]): void => {
    for (const file of files) {
      written.add(file);
      process.stdout.write(`wrote screenshots/${file}\n`);
    }
  };
  if (shots) for (const scene of SHOTS.filter(wanted)) note(await shoot(scene));
  if (tours) {
    for (const scene of TOURS.filter(wanted)) note(await record(scene));
    const first = TOURS[0];
    if (first !== undefined && wanted(first)) note(await animate(first.name, first.title));
  }
  if (only === undefined && shots && tours) {
    const stale = readdirSync(out).filter((file) => !written.has(file));
    if (stale.length > 0) process.stdout.write(`not made by any scene (delete them?): ${stale.join(', ')}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
