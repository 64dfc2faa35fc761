// The explorer's first frame: milliseconds from spawn until the pod table shows a pod, in a
// pseudo-terminal, and the process's resident memory: the most it held in the `settleMs` after
// (the rest of the list streaming in, the watch starting).
import { bin, rssKiB } from './measure.js';

export async function firstFrame(kubeconfig, args, { settleMs = 0, timeoutMs = 120_000, baseEnv = process.env, nodeArgs = [], extraEnv = {}, beforeQuit } = {}) {
  const { spawn } = await import('node-pty');
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const env = { ...baseEnv, ...extraEnv, LANG: 'C.UTF-8', TERM: 'xterm-256color' };
    delete env.CI;
    const pty = spawn(process.execPath, [...nodeArgs, bin, '--kubeconfig', kubeconfig, ...args], { cols: 160, rows: 45, env });
    let output = '';
    let done = false;
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`no first frame within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    pty.onData((data) => {
      if (done) return;
      output += data;
      if (/Running/.test(output)) {
        done = true;
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        let rss = rssKiB(pty.pid) ?? 0;
        clearTimeout(timer);
        const sampler = setInterval(() => (rss = Math.max(rss, rssKiB(pty.pid) ?? 0)), 100);
        setTimeout(async () => {
          clearInterval(sampler);
          const extra = beforeQuit === undefined ? {} : await beforeQuit(pty.pid);
          pty.onExit(() => resolve({ ms, rssKiB: rss, ...extra }));
          pty.write('q');
          setTimeout(() => pty.kill(), 5_000).unref();
        }, settleMs);
      }
    });
  });
}
