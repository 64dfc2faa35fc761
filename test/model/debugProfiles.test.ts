import type { V1EphemeralContainer } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  DEBUG_PROFILES,
  DEFAULT_DEBUG_PROFILE,
  debugContainerSpec,
  ephemeralContainerPatch,
  isDebugProfile,
  profileSecurityContext,
} from '../../src/model/debugProfiles.js';
import { NAME_SUFFIX_ALPHABET, debuggerName } from '../../src/model/debuggerName.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { fixturePod } from './podFixtures.js';

interface EphemeralPatch {
  spec: { ephemeralContainers: V1EphemeralContainer[] };
}

const recorded = readFixtureJson<EphemeralPatch>('ephemeral/noshell-add.request.json');

describe('debugContainerSpec', () => {
  const base = { name: 'debugger-c798c', image: 'busybox:latest', pullPolicy: 'Never', command: ['sh'], targetContainerName: 'app' };

  it('builds exactly the recorded kubectl 1.24 request for the legacy profile', () => {
    const spec = debugContainerSpec({ ...base, profile: 'legacy' });
    expect(ephemeralContainerPatch(spec)).toEqual(recorded);
  });

  it('adds only the profile’s securityContext on top of that shape', () => {
    const legacy = recorded.spec.ephemeralContainers[0]!;
    for (const profile of DEBUG_PROFILES) {
      const spec = debugContainerSpec({ ...base, profile });
      const { securityContext, ...rest } = spec;
      expect(rest).toEqual(legacy);
      expect(securityContext).toEqual(profileSecurityContext(profile));
    }
  });

  it('never sets ports, probes or resources (the API rejects them with 422)', () => {
    const spec = debugContainerSpec({ ...base, profile: 'sysadmin' }) as unknown as Record<string, unknown>;
    for (const forbidden of ['ports', 'readinessProbe', 'livenessProbe', 'startupProbe', 'resources', 'lifecycle']) {
      expect(spec).not.toHaveProperty(forbidden);
    }
  });

  it.each([
    ['general', { capabilities: { add: ['SYS_PTRACE'] } }],
    ['baseline', undefined],
    ['restricted', { runAsNonRoot: true, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } }],
    ['netadmin', { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } }],
    ['sysadmin', { privileged: true }],
    ['legacy', undefined],
  ] as const)('profile %s sets %j', (profile, expected) => {
    expect(debugContainerSpec({ ...base, profile }).securityContext).toEqual(expected);
  });

  it('defaults to the general profile name kubectl uses and validates names', () => {
    expect(DEFAULT_DEBUG_PROFILE).toBe('general');
    expect(isDebugProfile('netadmin')).toBe(true);
    expect(isDebugProfile('root')).toBe(false);
  });

  it('omits what was not asked for, and supports args and env', () => {
    expect(debugContainerSpec({ name: 'd', image: 'alpine', profile: 'baseline', stdin: false, tty: false })).toEqual({
      name: 'd',
      image: 'alpine',
      terminationMessagePolicy: 'File',
    });
    expect(debugContainerSpec({ name: 'd', image: 'alpine', profile: 'baseline', args: ['-c', 'id'], env: { A: '1' } })).toMatchObject({
      args: ['-c', 'id'],
      env: [{ name: 'A', value: '1' }],
      stdin: true,
      tty: true,
    });
    expect(() => debugContainerSpec({ name: 'd', image: 'alpine', profile: 'general', stdin: false, tty: true })).toThrow(/stdin/);
  });

  it('does not share the profile objects between calls', () => {
    const a = debugContainerSpec({ ...base, profile: 'general' });
    a.securityContext!.capabilities!.add!.push('SYS_ADMIN');
    expect(debugContainerSpec({ ...base, profile: 'general' }).securityContext).toEqual({ capabilities: { add: ['SYS_PTRACE'] } });
  });
});

/** A random() that yields the given alphabet indexes in turn, then repeats the last. */
function scripted(suffixes: string[]): () => number {
  const values = suffixes.flatMap((s) => [...s].map((ch) => (NAME_SUFFIX_ALPHABET.indexOf(ch) + 0.5) / NAME_SUFFIX_ALPHABET.length));
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

describe('debuggerName', () => {
  it('draws five characters from kubectl’s alphabet', () => {
    const name = debuggerName(fixturePod('pods/states-noshell.json'), Math.random);
    expect(name).toMatch(new RegExp(`^debugger-[${NAME_SUFFIX_ALPHABET}]{5}$`));
    expect(debuggerName(fixturePod('pods/states-noshell.json'), scripted(['c798c']))).toBe('debugger-c798c');
  });

  it('retries when the name is taken by an ephemeral container', () => {
    const pod = fixturePod('ephemeral/noshell-after-add-pod.json');
    expect(debuggerName(pod, scripted(['c798c', 'xw2z9']))).toBe('debugger-xw2z9');
  });

  it('retries when the name is taken by an init or app container', () => {
    const pod = fixturePod('pods/lab-initwait.json');
    pod.spec!.initContainers![0]!.name = 'debugger-bbbbb';
    pod.spec!.containers[0]!.name = 'debugger-ccccc';
    expect(debuggerName(pod, scripted(['bbbbb', 'ccccc', 'ddddd']))).toBe('debugger-ddddd');
  });

  it('stays inside the alphabet for random() at its bounds and gives up on a stuck generator', () => {
    expect(debuggerName(fixturePod('pods/lab-web.json'), () => 0)).toBe('debugger-bbbbb');
    expect(debuggerName(fixturePod('pods/lab-web.json'), () => 0.9999999)).toBe('debugger-99999');
    const pod = fixturePod('pods/lab-web.json');
    pod.spec!.containers[0]!.name = 'debugger-bbbbb';
    expect(() => debuggerName(pod, () => 0)).toThrow(/free debugger name/);
  });

  it('finds the names already used in the recorded pod with several ephemeral containers', () => {
    const pod = fixturePod('ephemeral/web-get.json');
    const used = (pod.spec?.ephemeralContainers ?? []).map((c) => c.name).filter((n) => n.startsWith('debugger-'));
    expect(used.length).toBeGreaterThan(0);
    const first = used[0]!.slice('debugger-'.length);
    expect(debuggerName(pod, scripted([first, 'zzzzz']))).toBe('debugger-zzzzz');
  });
});
