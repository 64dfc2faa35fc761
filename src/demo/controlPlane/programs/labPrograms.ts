import type { HttpReply } from '../../network/podNetwork.js';
import { stderr, stdout, type ContainerProgram } from '../containerRuntime.js';
import { clockTime } from '../logGenerator.js';
import { exitsOnTerm, ignoresTerm } from './common.js';

/**
 * The busybox scripts of the recorded lab and states manifests (fixtures/k8s-1.24/manifests), keyed by
 * the exact command they run, so these pods behave as recorded whether the scenario or a user's
 * `kubectl apply` created them.
 */
function ticker(label: string, everyMs: number): ContainerProgram {
  return (context) => {
    let tick = 0;
    const line = (): readonly ReturnType<typeof stdout>[] => {
      tick += 1;
      return [stdout(label === 'web' ? `${clockTime(context.now())} web tick ${tick}` : `${label} ${clockTime(context.now())}`)];
    };
    return { script: [{ afterMs: 0, lines: line }], steady: () => ({ afterMs: everyMs, lines: line }), onTerm: ignoresTerm };
  };
}

const web = ticker('web', 1000);

const crashy: ContainerProgram = () => ({
  script: [
    { afterMs: 0, lines: [stdout('starting crashy'), stdout('line 2'), stderr('line 3: about to fail')] },
    { afterMs: 2000, lines: [stdout('exiting with 1')] },
  ],
  exit: { afterMs: 5, code: 1 },
  onTerm: ignoresTerm,
});

const initOk: ContainerProgram = () => ({ script: [{ afterMs: 0, lines: [stdout('init-ok done')] }], exit: { afterMs: 10, code: 0 }, onTerm: ignoresTerm });

const initWait: ContainerProgram = () => ({ script: [{ afterMs: 0, lines: [stdout('waiting forever')] }], onTerm: ignoresTerm });

const mainNeverStarts: ContainerProgram = () => ({
  script: [{ afterMs: 0, lines: [stdout('main never starts')] }],
  exit: { afterMs: 3_600_000, code: 0 },
  onTerm: ignoresTerm,
});

const doneOk: ContainerProgram = () => ({
  script: [
    { afterMs: 0, lines: [stdout('working')] },
    { afterMs: 1000, lines: [stdout('done')] },
  ],
  exit: { afterMs: 5, code: 0 },
  onTerm: ignoresTerm,
});

const doneErr: ContainerProgram = () => ({ script: [{ afterMs: 0, lines: [stderr('failing')] }], exit: { afterMs: 5, code: 3 }, onTerm: ignoresTerm });

// `head -c 200000000 /dev/zero | tr` grows past the 20Mi limit within a fraction of a second.
const oomHog: ContainerProgram = (context) => ({
  script: [{ afterMs: 0, lines: [stdout('allocating')] }],
  exit: { afterMs: 200 + context.random.int(500), code: 137, oomKilled: true },
  onTerm: ignoresTerm,
});

const notReady: ContainerProgram = () => ({
  script: [{ afterMs: 0, lines: [stdout('serving')] }],
  exit: { afterMs: 100_000_000, code: 0 },
  onTerm: ignoresTerm,
  // The probe runs `sh -c "exit 1"`: it fails and prints nothing.
  readiness: () => ({ ok: false, output: '' }),
});

const slowStop: ContainerProgram = () => ({ onTerm: ignoresTerm });

const flakyOnce: ContainerProgram = (context) =>
  context.instance === 0
    ? { script: [{ afterMs: 0, lines: [stdout('first life dies')] }], exit: { afterMs: 5, code: 2 }, onTerm: ignoresTerm }
    : { script: [{ afterMs: 0, lines: [stdout('second life')] }], exit: { afterMs: 100_000_000, code: 0 }, onTerm: ignoresTerm };

const migrationFails: ContainerProgram = () => ({ script: [{ afterMs: 0, lines: [stderr('migration failed')] }], exit: { afterMs: 5, code: 1 }, onTerm: ignoresTerm });

const sleepLong: ContainerProgram = () => ({ exit: { afterMs: 100_000_000, code: 0 }, onTerm: ignoresTerm });

/** busybox httpd serving one page, as the recorded port-forward exchanges show it (streams/portforward-http-v4.jsonl). */
const httpd: ContainerProgram = (context) => {
  const started = new Date(context.now()).toUTCString();
  return {
    serves: [
      {
        port: 8080,
        http: (request): HttpReply =>
          request.path === '/' || request.path === '/index.html'
            ? { status: 200, headers: { Connection: 'close', 'Content-type': 'text/html', 'Accept-Ranges': 'bytes', 'Last-Modified': started, ETag: '"6b0fd39c-16"' }, body: 'podscope-lab-httpd-ok\n' }
            : { status: 404, headers: { Connection: 'close', 'Content-type': 'text/html' }, body: '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n' },
      },
    ],
    onTerm: ignoresTerm,
  };
};

/** The pause image: sleeps until a signal, then exits 0. */
export const pause: ContainerProgram = () => ({ onTerm: exitsOnTerm(20) });

const byCommand = new Map<string, ContainerProgram>([
  ['sh|-c|i=0; while true; do i=$((i+1)); echo "$(date -u +%H:%M:%S) web tick $i"; sleep 1; done', web],
  ['sh|-c|echo starting crashy; echo line 2; echo line 3: about to fail >&2; sleep 2; echo exiting with 1; exit 1', crashy],
  ['sh|-c|echo init-ok done', initOk],
  ['sh|-c|echo waiting forever; while true; do sleep 3600; done', initWait],
  ['sh|-c|echo main never starts; sleep 3600', mainNeverStarts],
  ['sh|-c|while true; do echo "alpha $(date -u +%T)"; sleep 2; done', ticker('alpha', 2000)],
  ['sh|-c|while true; do echo "beta $(date -u +%T)"; sleep 3; done', ticker('beta', 3000)],
  ['sh|-c|echo working; sleep 1; echo done', doneOk],
  ['sh|-c|echo failing >&2; exit 3', doneErr],
  ["sh|-c|echo allocating; x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived", oomHog],
  ['sh|-c|echo serving; sleep 100000', notReady],
  ['sleep|100000', sleepLong],
  ["sh|-c|trap '' TERM; while true; do sleep 1; done", slowStop],
  ['sh|-c|if [ -f /mark/x ]; then echo second life; sleep 100000; else touch /mark/x; echo first life dies; exit 2; fi', flakyOnce],
  ['sh|-c|echo migration failed >&2; exit 1', migrationFails],
  ['sh|-c|mkdir -p /www && echo podscope-lab-httpd-ok > /www/index.html && exec httpd -f -p 8080 -h /www', httpd],
]);

/** The recorded script run by `command` + `args`, if it is one of the lab/states manifests'. */
export function labProgramFor(commandAndArgs: readonly string[]): ContainerProgram | undefined {
  return byCommand.get(commandAndArgs.join('|'));
}
