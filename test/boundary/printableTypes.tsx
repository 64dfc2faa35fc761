/**
 * Compile-time checks of the boundary (type-checked by `npm run typecheck` and by
 * printableTypes.test.ts): every `@ts-expect-error` below must be an error, or the compiler fails
 * with "Unused '@ts-expect-error' directive". A raw string must not get onto the screen or into the
 * CLI's output without passing the cleaning boundary.
 */
import { cliOutput } from '../../src/cli/output.js';
import { clean, cleanLogLine, cleanLogOutputLine, cleanName, p, type Printable } from '../../src/model/printable.js';
import { Line, Span } from '../../src/ui/components/Line.js';
import { PaneTitle } from '../../src/ui/components/PaneTitle.js';
import { PodRow } from '../../src/ui/components/PodRow.js';
import { fit } from '../../src/ui/text.js';

declare const fromCluster: string;
const out = cliOutput();

export const refused = [
  // @ts-expect-error a raw string is not Printable
  <Line>{fromCluster}</Line>,
  // @ts-expect-error not inside a Span either
  <Span bold>{fromCluster}</Span>,
  // @ts-expect-error nor as one of several children
  <Line>
    {clean('ok')}
    {fromCluster}
  </Line>,
  // @ts-expect-error a literal is a string too: our own text goes through p``
  <Line>plain literal</Line>,
  // @ts-expect-error components that draw text take Printable
  <PaneTitle text={fromCluster} width={80} focused />,
  // @ts-expect-error
  <PodRow line={fromCluster} health="healthy" selected={false} />,
];

export function cliRefuses(): void {
  // @ts-expect-error the CLI writer takes Printable lines only
  out.line(fromCluster);
  // @ts-expect-error and Printable error lines only
  out.error(`podscope: ${fromCluster}`);
  // @ts-expect-error a log line must be sanitised for a stream
  out.logLine(fromCluster);
  // @ts-expect-error a Printable log line is not a stream line (tabs, colours are decided there)
  out.logLine(cleanLogLine(fromCluster));
  // @ts-expect-error p`` interpolates Printable and numbers only
  p`pod ${fromCluster}`;
  // @ts-expect-error the text helpers keep the brand: they take Printable
  fit(fromCluster, 10, clean('…'));
  // @ts-expect-error a plain string cannot stand in for a Printable variable
  const sneaky: Printable = fromCluster;
  void sneaky;
}

export const accepted = [
  <Line>{cleanName(fromCluster)}</Line>,
  <Line>
    <Span bold>{p`pod ${cleanName(fromCluster)}`}</Span>
    {3}
  </Line>,
];

export function cliAccepts(): void {
  out.line(p`pod ${cleanName(fromCluster)}`, 'warning');
  out.error(clean(fromCluster));
  out.logLine(cleanLogOutputLine(fromCluster, { keepColours: false }));
  out.rawLogBytes(Buffer.from(fromCluster));
}
