import { describe, expect, it } from 'vitest';
import { copyOutcomeText, sessionMessage, withCopyOutcome } from '../../src/cli/tui/sessionMessage.js';

describe('the status line after a session in a copy of a stopped pod', () => {
  const exited = { how: 'exited' as const, exitCode: 0 };
  const copy = { namespace: 'states', name: 'done-ok-debug' };

  it('names the copy and what became of it; a kept copy says how to delete it', () => {
    const message = sessionMessage('attach', 'debugger-abcde', exited, { deleteAfter: true });
    expect(withCopyOutcome(message, { ...copy, deleted: true })).toEqual({
      text: 'debugger-abcde exited (exit code 0); copy done-ok-debug deleted',
      level: 'info',
    });
    expect(withCopyOutcome(message, { ...copy, deleted: false }).text).toBe(
      'debugger-abcde exited (exit code 0); copy done-ok-debug kept (kubectl delete pod done-ok-debug -n states deletes it)',
    );
  });

  it('a delete that failed is one more clause with the command to run by hand, and at least a warning', () => {
    const message = withCopyOutcome(sessionMessage('attach', 'debugger-abcde', exited), { ...copy, deleted: false, error: 'pods "done-ok-debug" is forbidden' });
    expect(message).toEqual({
      text: 'debugger-abcde exited (exit code 0); could not delete copy done-ok-debug: pods "done-ok-debug" is forbidden (kubectl delete pod done-ok-debug -n states deletes it)',
      level: 'warning',
    });
    const failed = withCopyOutcome({ text: 'debugger-abcde: connection refused', level: 'error' }, { namespace: 'states', name: 'x', deleted: false, error: 'gone' });
    expect(failed.level).toBe('error');
  });

  it('a kept copy whose debugger may still run says how to get back in: kubectl attach, not a', () => {
    expect(copyOutcomeText({ ...copy, deleted: false }, 'debugger-abcde')).toBe(
      '; copy done-ok-debug kept (kubectl attach done-ok-debug -c debugger-abcde -it -n states gets back in, kubectl delete pod done-ok-debug -n states deletes it)',
    );
    expect(copyOutcomeText({ ...copy, deleted: false }, 'debugger-abcde')).not.toContain('can be attached later');
  });

  it('detached: no offer to attach again (a attaches to ephemeral containers), and no "keeps running" once deleted', () => {
    const detached = { how: 'detached' as const };
    expect(sessionMessage('attach', 'debugger-abcde', detached).text).toBe('detached from debugger-abcde; it keeps running (a attaches again)');
    expect(sessionMessage('attach', 'debugger-abcde', detached, { deleteAfter: false }).text).toBe('detached from debugger-abcde; it keeps running');
    expect(sessionMessage('attach', 'debugger-abcde', detached, { deleteAfter: true }).text).toBe('detached from debugger-abcde');
  });
});
