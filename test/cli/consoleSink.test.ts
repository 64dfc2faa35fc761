import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../src/cli/tui/consoleSink.js';
import { ATTACKS, foreignControls } from '../helpers/hostile.js';

describe('the console while the explorer runs', () => {
  it('keeps what is written cleaned, one bounded line each, the last ten, and gives the console back', () => {
    const written: unknown[] = [];
    const target = { ...console, error: (...args: unknown[]) => void written.push(args), log: (...args: unknown[]) => void written.push(args) } as Console;
    const originalError = target.error;
    const sink = captureConsole(target);
    target.error('Encountered two children with the same key, `%s`.', `web${ATTACKS}`);
    for (let i = 0; i < 12; i++) target.log(`line\n${i}`, { at: i });
    target.warn('x'.repeat(10_000));
    expect(written).toEqual([]);
    expect(sink.count).toBe(14);
    expect(sink.recent).toHaveLength(10);
    for (const message of sink.recent) {
      expect(foreignControls(Buffer.from(message))).toEqual([]);
      expect(message.length).toBeLessThanOrEqual(300);
      expect(message).not.toContain('\n');
    }
    expect(sink.recent.at(-2)).toBe('line 11 { at: 11 }');
    sink.restore();
    expect(target.error).toBe(originalError);
    target.error('after');
    expect(written).toEqual([['after']]);
  });

  it('the first message, hostile, is cleaned too', () => {
    const target = { ...console } as Console;
    const sink = captureConsole(target);
    target.error('key `%s`', `web${ATTACKS}`);
    sink.restore();
    expect(sink.recent[0]).toContain('key `web^[[2J^[[H');
  });
});
