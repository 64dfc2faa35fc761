import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDirectory } from '../../audit/stateDirectory.js';

const DEFAULT_IMAGES = ['busybox:1.36', 'nicolaka/netshoot', 'alpine:3.20'];
const KEEP = 8;

/**
 * The debug images that ran before, most recent first, kept in podscope's state directory. Call
 * remember() only once a debugger with the image is running: the first entry is the form's default.
 */
export class RecentImages {
  constructor(private readonly file: string = join(stateDirectory(), 'recent-images.json')) {}

  list(): string[] {
    const remembered = this.read();
    return [...remembered, ...DEFAULT_IMAGES.filter((image) => !remembered.includes(image))];
  }

  remember(image: string): void {
    const images = [image, ...this.read().filter((known) => known !== image)].slice(0, KEEP);
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(this.file, JSON.stringify(images) + '\n', { mode: 0o600 });
    } catch {
      // Remembering is a convenience: a read-only home must not stop a debug session.
    }
  }

  private read(): string[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  }
}
