import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AsciicastRecorder, castFileName } from '../../src/audit/asciicast.js';
import { appendAuditRecord, auditLogPath, type AuditRecord } from '../../src/audit/auditLog.js';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-audit-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record: AuditRecord = {
  kind: 'debug',
  user: 'admin',
  context: 'podscope-demo',
  server: 'https://127.0.0.1:6443',
  namespace: 'lab',
  pod: 'web',
  container: 'debugger-bcdfg',
  image: 'busybox:1.36',
  target: 'web',
  profile: 'general',
  start: '2026-11-23T09:00:00.000Z',
  end: '2026-11-23T09:01:00.000Z',
  outcome: 'exited',
  exitCode: 0,
  bytesIn: 12,
  bytesOut: 345,
};

describe('audit log', () => {
  it('lives under XDG_STATE_HOME, else ~/.local/state', () => {
    expect(auditLogPath({ XDG_STATE_HOME: '/state' }, '/home/u')).toBe('/state/podscope/audit.jsonl');
    expect(auditLogPath({}, '/home/u')).toBe('/home/u/.local/state/podscope/audit.jsonl');
    // The XDG spec ignores relative paths.
    expect(auditLogPath({ XDG_STATE_HOME: 'rel' }, '/home/u')).toBe('/home/u/.local/state/podscope/audit.jsonl');
  });

  it('appends one JSON line per session with every field, in a private directory and file', async () => {
    const path = auditLogPath({ XDG_STATE_HOME: join(scratch(), 'state') });
    await appendAuditRecord(record, path, () => new Date('2026-11-23T09:01:00.500Z'));
    await appendAuditRecord({ ...record, kind: 'exec', outcome: 'detached', exitCode: null }, path);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ time: '2026-11-23T09:01:00.500Z', ...record });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ kind: 'exec', outcome: 'detached', exitCode: null });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });
});

describe('asciicast recorder', () => {
  it('writes a valid v2 file: header, output events (multi-byte kept whole) and resizes', async () => {
    const dir = join(scratch(), 'casts');
    let clock = 1_700_000_000_000;
    const name = castFileName('web', 'debugger-bcdfg', new Date('2026-11-23T09:00:00Z'));
    expect(name).toBe('web-debugger-bcdfg-2026-11-23T09-00-00-000Z.cast');
    const recorder = await AsciicastRecorder.create(dir, name, { width: 80, height: 24, env: { TERM: 'xterm-256color', SHELL: '/bin/sh' }, now: () => clock });
    recorder.resize({ columns: 80, rows: 24 });
    clock += 250;
    const euro = Buffer.from('€ ok\r\n');
    recorder.output(euro.subarray(0, 2));
    clock += 250;
    recorder.output(euro.subarray(2));
    clock += 1000;
    recorder.resize({ columns: 100, rows: 30 });
    await recorder.close();

    const lines = readFileSync(recorder.path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines[0]).toEqual({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000, env: { TERM: 'xterm-256color', SHELL: '/bin/sh' } });
    expect(lines.slice(1)).toEqual([
      [0, 'r', '80x24'],
      [0.5, 'o', '€ ok\r\n'],
      [1.5, 'r', '100x30'],
    ]);
    expect(statSync(recorder.path).mode & 0o777).toBe(0o600);
  });
});
