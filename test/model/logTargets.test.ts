import { describe, expect, it } from 'vitest';
import { kubectlLogPrefix, podLogContainers, tooManyStreams } from '../../src/model/logTargets.js';
import { fixturePod } from './podFixtures.js';

describe('the containers kubectl logs reads', () => {
  it('defaults to the first app container, saying so as kubectl does when there are others', () => {
    expect(podLogContainers(fixturePod('pods/lab-duo.json'), { allContainers: false })).toEqual({ containers: ['alpha'], notices: ['Defaulted container "alpha" out of: alpha, beta'] });
    // The recorded web pod has had debug containers added: those count too.
    expect(podLogContainers(fixturePod('pods/lab-web.json'), { allContainers: false })).toEqual({
      containers: ['web'],
      notices: ['Defaulted container "web" out of: web, dbg-raw (ephem), debugger-9b7lx (ephem), debugger-bqsxh (ephem)'],
    });
    expect(podLogContainers(fixturePod('pods/lab-crashy.json'), { allContainers: false })).toEqual({ containers: ['crashy'], notices: [] });
    expect(podLogContainers(fixturePod('pods/lab-initwait.json'), { allContainers: false })).toEqual({
      containers: ['main'],
      notices: ['Defaulted container "main" out of: main, init-ok (init), init-wait (init)'],
    });
  });

  it('honours the default-container annotation, and says when it names no container', () => {
    const duo = fixturePod('pods/lab-duo.json');
    duo.metadata = { ...duo.metadata, annotations: { 'kubectl.kubernetes.io/default-container': 'beta' } };
    expect(podLogContainers(duo, { allContainers: false })).toEqual({ containers: ['beta'], notices: [] });
    duo.metadata = { ...duo.metadata, annotations: { 'kubectl.kubernetes.io/default-container': 'gone' } };
    expect(podLogContainers(duo, { allContainers: false })).toEqual({
      containers: ['alpha'],
      notices: ['Default container name "gone" not found in pod duo', 'Defaulted container "alpha" out of: alpha, beta'],
    });
  });

  it('-c and --all-containers', () => {
    expect(podLogContainers(fixturePod('pods/lab-duo.json'), { container: 'beta', allContainers: false })).toEqual({ containers: ['beta'], notices: [] });
    expect(podLogContainers(fixturePod('pods/lab-duo.json'), { container: 'nope', allContainers: false })).toEqual({ error: 'container nope is not valid for pod duo' });
    expect(podLogContainers(fixturePod('pods/lab-initwait.json'), { allContainers: true })).toEqual({ containers: ['init-ok', 'init-wait', 'main'], notices: [] });
  });

  it('--prefix and the follow cap in kubectl words', () => {
    expect(kubectlLogPrefix('web-7d9f-abcde', 'web')).toBe('[pod/web-7d9f-abcde/web] ');
    expect(kubectlLogPrefix('x\x1b[2J', 'c')).toBe('[pod/x^[[2J/c] ');
    expect(tooManyStreams(5, 5)).toBeUndefined();
    expect(tooManyStreams(1, 0)).toBeUndefined();
    expect(tooManyStreams(6, 5)).toBe('you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit');
  });
});
