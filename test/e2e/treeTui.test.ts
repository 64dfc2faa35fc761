import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];

afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

describe('the tree, deeper, in a terminal on the demo cluster', () => {
  it('the owner chain read from the cluster, the spec folded, x shows the limits and the Secret-sourced env', async () => {
    const tui = new PtyScreen({ args: ['--demo', '-n', 'shop'], cols: 200, rows: 60 });
    screens.push(tui);
    await tui.waitFor((text) => /checkout-\S+\s+\d\/1/.test(text), 'the checkout pod', 30_000);
    tui.write('/checkout\r');
    await tui.waitFor((text) => /Containers │ shop\/checkout-/.test(text), 'the checkout tree', 20_000);
    await tui.waitFor((text) => /owner ReplicaSet checkout-\w+ → Deployment checkout/.test(text), 'the owner chain from the ReplicaSet read', 20_000);
    const folded = await tui.waitFor((text) => text.includes('▸ spec limits cpu=250m,memory=256Mi, 1 mount, 2 env'), 'the folded container spec');
    expect(folded).not.toContain('DATABASE_PASSWORD');
    tui.write('\t');
    tui.write('x');
    // The last lines of the tree: the env under the container's spec.
    tui.write('G');
    const open = await tui.waitFor((text) => text.includes('DATABASE_PASSWORD from secret orders-db key password'), 'the unfolded spec');
    expect(open).toContain('resources requests cpu=250m,memory=256Mi limits cpu=250m,memory=256Mi');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 90_000);
});
