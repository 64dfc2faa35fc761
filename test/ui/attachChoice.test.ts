import { describe, expect, it } from 'vitest';
import { attachChoice, containerViews } from '../../src/ui/debugKeys.js';
import { fixturePod } from '../model/podFixtures.js';

const now = new Date('2026-11-23T09:16:11Z');

function web(states: Record<string, 'running' | 'waiting'>) {
  const pod = fixturePod('pods/lab-web.json');
  for (const status of pod.status?.ephemeralContainerStatuses ?? []) {
    if (states[status.name] === 'running') status.state = { running: { startedAt: now } };
    if (states[status.name] === 'waiting') status.state = { waiting: { reason: 'PodInitializing' } };
  }
  return containerViews(pod, now);
}

const name = (choice: ReturnType<typeof attachChoice>): string | undefined => ('container' in choice ? choice.container.name : undefined);

describe('a on the pod table', () => {
  it('attaches to the newest running debug container, even when a newer one has exited', () => {
    expect(attachChoice(web({ 'debugger-9b7lx': 'running' }))).toMatchObject({ kind: 'attach' });
    expect(name(attachChoice(web({ 'debugger-9b7lx': 'running' })))).toBe('debugger-9b7lx');
    expect(name(attachChoice(web({ 'dbg-raw': 'running', 'debugger-bqsxh': 'running' })))).toBe('debugger-bqsxh');
  });

  it('only when none runs: the newest exited one, naming a newer one that is starting', () => {
    const exited = attachChoice(web({}));
    expect(exited.kind).toBe('logs');
    expect(name(exited)).toBe('debugger-bqsxh');
    const starting = attachChoice(web({ 'debugger-bqsxh': 'waiting' }));
    expect(starting).toMatchObject({ kind: 'logs', container: { name: 'debugger-9b7lx' }, starting: { name: 'debugger-bqsxh' } });
  });

  it('a pod without debug containers', () => {
    expect(attachChoice(containerViews(fixturePod('pods/lab-crashy.json'), now))).toEqual({ kind: 'none' });
  });
});
