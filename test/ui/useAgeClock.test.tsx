import { describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useAgeClock } from '../../src/ui/hooks/useAgeClock.js';

function Clock({ anchors, now }: { anchors: number[]; now: () => Date }) {
  const time = useAgeClock(anchors, now);
  return <Text>{`time=${time.getTime()} newest=${Math.max(...anchors)}`}</Text>;
}

describe('useAgeClock', () => {
  it('draws a moment that just arrived against the time of that render, never before it', () => {
    let clock = 1_000_000;
    const now = () => new Date(clock);
    const ui = render(<Clock anchors={[clock - 5_000]} now={now} />);
    // The cluster reports a restart that happened after the clock's last tick.
    clock += 700;
    ui.rerender(<Clock anchors={[clock - 5_000, clock - 100]} now={now} />);
    // The very first frame with the new moment, before any effect could tick the clock.
    const [time, newest] = (/time=(\d+) newest=(\d+)/.exec(ui.frames.at(-1) ?? '') ?? []).slice(1).map(Number);
    expect(time).toBeGreaterThanOrEqual(newest!);
    ui.unmount();
  });
});
