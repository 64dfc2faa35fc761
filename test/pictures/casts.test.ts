import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { castOutput, readCast, replayCast } from '../../scripts/pictures/cast.js';
import { ANIMATION_FRAME_SECONDS } from '../../scripts/pictures/animation.js';
import { TOURS } from '../../scripts/pictures/scenes.js';
import { frameText } from '../../scripts/pictures/screenModel.js';
import { animatedSvg } from '../../scripts/pictures/svg.js';
import { repoRoot } from '../e2e/helpers/ptyScreen.js';
import { foreignControls } from '../helpers/hostile.js';

const dir = join(repoRoot, 'screenshots');
const text = (lines: string[]): string => lines.join('\n');

describe('the asciinema demos in screenshots/ (npm run screenshots records them)', () => {
  it('every cast is one of the scripted tours, and every tour has its cast', () => {
    const casts = readdirSync(dir).filter((file) => file.endsWith('.cast')).sort();
    expect(casts).toEqual(TOURS.map((tour) => `${tour.name}.cast`).sort());
  });

  for (const tour of TOURS) {
    describe(tour.name, () => {
      const path = join(dir, `${tour.name}.cast`);
      const cast = existsSync(path) ? readCast(path) : undefined;

      it('is asciicast v2 at the tour\u2019s size, with times that only go forward', () => {
        expect(cast?.header).toMatchObject({ version: 2, width: tour.cols, height: tour.rows, title: tour.title });
        const times = (cast?.events ?? []).map((event) => event[0]);
        expect(times.length).toBeGreaterThan(10);
        times.forEach((time, i) => expect(time).toBeGreaterThanOrEqual(i === 0 ? 0 : (times[i - 1] ?? 0)));
        expect(new Set(cast?.events.map((event) => event[1]))).toEqual(new Set(['o']));
      });

      it('holds no escape sequence the TUI itself would not emit (no title, clipboard, link or terminal query)', () => {
        // The same check as for a hostile cluster: nothing but podscope's own CSI, no other control.
        expect(foreignControls(Buffer.from(castOutput(cast!), 'utf8'))).toEqual([]);
      });

      it('replays to the screen the tour ends on, and leaves the terminal as it found it', async () => {
        const replay = await replayCast(cast!, 0);
        const last = text(frameText(replay.lastFullScreen!));
        for (const pattern of tour.lastScreen) expect(last).toMatch(pattern);
        for (const pattern of tour.seen) expect(replay.frames.some((timed) => pattern.test(text(frameText(timed.frame)))), `some frame shows ${pattern}`).toBe(true);
        // Back on the normal screen at a prompt, cursor shown, bracketed paste off: asciinema play ends clean.
        expect(replay.normalScreen).toBe(true);
        expect(replay.cursorVisible).toBe(true);
        expect(replay.bracketedPaste).toBe(false);
        if (tour.handsOver === true) expect(frameText(replay.final)[0]).toMatch(/^attached to pod\/\S+ container \S+ — Ctrl-P Ctrl-Q to detach/);
        else expect(frameText(replay.final)[0]).toBe(`$ podscope ${tour.args.join(' ')}`);
        expect(frameText(replay.final).filter((line) => line !== '').at(-1)).toBe('$');
      });
    });
  }

  it(`the README's animation is ${TOURS[0]?.name}.cast as it is now`, async () => {
    const first = TOURS[0]!;
    const replay = await replayCast(readCast(join(dir, `${first.name}.cast`)), ANIMATION_FRAME_SECONDS);
    const current = readFileSync(join(dir, `${first.name}.svg`), 'utf8') === animatedSvg(replay.frames, first.title);
    expect(current, `screenshots/${first.name}.svg is not the rendering of screenshots/${first.name}.cast: run npm run screenshots`).toBe(true);
  });
});
