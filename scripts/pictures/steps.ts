import type { PtySession } from './ptySession.js';

/** What the status line says is selected: `namespace/pod` before the first separator. */
export function selectedPod(screen: string): string | undefined {
  const lines = screen.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^(\S+\/\S+) [│|]/.exec(lines[i] ?? '');
    if (match !== null) return match[1];
  }
  return undefined;
}

/**
 * Moves the selection down with `j`, one visible step at a time, until the selected pod is `target`
 * (`namespace/pod`, or its start: `shop/cart-` for a generated name).
 */
export async function moveTo(session: PtySession, target: string, pauseMs = 180): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const screen = await session.text();
    const selected = selectedPod(screen);
    if (selected?.startsWith(target) === true) return;
    session.write('j');
    await session.waitFor((text) => selectedPod(text) !== selected, 'the selection to move');
    await session.hold(pauseMs);
  }
  throw new Error(`never reached ${target}`);
}

/** Presses keys one at a time, each followed by a pause for the screen (and the viewer) to follow. */
export async function press(session: PtySession, keys: readonly string[], pauseMs = 500): Promise<void> {
  for (const key of keys) {
    session.write(key);
    await session.hold(pauseMs);
  }
}

/** The table shows pods (the first list arrived). */
export function tableReady(name: RegExp): (screen: string) => boolean {
  return (screen) => name.test(screen) && /\blive\b/.test(screen);
}
