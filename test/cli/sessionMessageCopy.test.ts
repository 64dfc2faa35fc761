import { describe, expect, it } from 'vitest';
import { sessionMessage, withCopyOutcome } from '../../src/cli/tui/sessionMessage.js';

describe('the status line after a session in a copy of a stopped pod', () => {
  const exited = { how: 'exited' as const, exitCode: 0 };

  it('names the copy and what became of it', () => {
    const message = sessionMessage('debugger-abcde', exited, { deleteAfter: true });
    expect(withCopyOutcome(message, { name: 'done-ok-debug', deleted: true })).toEqual({
      text: 'debugger-abcde exited (exit code 0); copy done-ok-debug deleted',
      level: 'info',
    });
    expect(withCopyOutcome(message, { name: 'done-ok-debug', deleted: false }).text).toBe('debugger-abcde exited (exit code 0); copy done-ok-debug kept');
  });

  it('a delete that failed is one more clause, and at least a warning', () => {
    const message = withCopyOutcome(sessionMessage('debugger-abcde', exited), { name: 'done-ok-debug', deleted: false, error: 'pods "done-ok-debug" is forbidden' });
    expect(message).toEqual({ text: 'debugger-abcde exited (exit code 0); could not delete copy done-ok-debug: pods "done-ok-debug" is forbidden', level: 'warning' });
    const failed = withCopyOutcome({ text: 'debugger-abcde: connection refused', level: 'error' }, { name: 'x', deleted: false, error: 'gone' });
    expect(failed.level).toBe('error');
  });

  it('detached: no offer to attach again (a attaches to ephemeral containers), and no "keeps running" once deleted', () => {
    const detached = { how: 'detached' as const };
    expect(sessionMessage('debugger-abcde', detached).text).toBe('detached from debugger-abcde; it keeps running (a attaches again)');
    expect(sessionMessage('debugger-abcde', detached, { deleteAfter: false }).text).toBe('detached from debugger-abcde; it keeps running');
    expect(sessionMessage('debugger-abcde', detached, { deleteAfter: true }).text).toBe('detached from debugger-abcde');
  });
});
