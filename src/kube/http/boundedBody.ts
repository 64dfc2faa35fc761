import type { IncomingMessage } from 'node:http';

/** The whole body of `response`, or the error `tooLarge` makes once it passes `maxBytes` (the response is then destroyed). */
export async function readBoundedBody(response: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
