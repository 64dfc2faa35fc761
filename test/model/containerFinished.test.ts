import { describe, expect, it } from 'vitest';
import { containerFinished } from '../../src/model/containerFinished.js';
import { fixturePod } from './podFixtures.js';

describe('containerFinished: stopped for good, or only for now', () => {
  it('an exited ephemeral container never runs again', () => {
    const web = fixturePod('pods/lab-web.json');
    expect(containerFinished(web, 'debugger-bqsxh')).toEqual({ exitCode: expect.any(Number) });
    expect(containerFinished(web, 'web')).toBeUndefined();
  });

  it('a finished pod, restartPolicy Never: done; OOMKilled under Always: it comes back', () => {
    expect(containerFinished(fixturePod('pods/states-done-ok.json'), 'job')).toEqual({ exitCode: 0 });
    expect(containerFinished(fixturePod('pods/states-done-err.json'), 'job')).toEqual({ exitCode: 3 });
    expect(containerFinished(fixturePod('pods/states-oom.json'), 'hog')).toBeUndefined();
  });

  it('OnFailure: a clean exit is final, a failure is retried; a failing init container is retried', () => {
    const pod = fixturePod('pods/states-done-err.json');
    pod.spec!.restartPolicy = 'OnFailure';
    pod.status!.phase = 'Running';
    expect(containerFinished(pod, 'job')).toBeUndefined();
    pod.status!.containerStatuses![0]!.state = { terminated: { exitCode: 0 } };
    expect(containerFinished(pod, 'job')).toEqual({ exitCode: 0 });
    const initfail = fixturePod('pods/states-initfail.json');
    expect(containerFinished(initfail, 'migrate')).toBeUndefined();
  });
});
