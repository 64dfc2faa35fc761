import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from './apiTypes.js';
import { isJsonObject } from './jsonAccess.js';
import { ApiError, badRequest, unsupportedMediaType } from './status.js';

/** Writes a JSON body the way kube-apiserver's encoder does (trailing newline included). */
export function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(statusCode, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  response.end(text);
}

/** Items per write of a streamed list: big enough for few writes, small enough never to build one huge string. */
const listItemsPerChunk = 250;

/**
 * A list body (`{...head, items: [...]}`) written in chunks, as kube-apiserver streams large lists:
 * 20,000 pods are ~100 MB of JSON, which as one string would double the server's memory.
 */
export function sendJsonList(response: ServerResponse, head: JsonObject, items: readonly JsonObject[]): void {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  const opening = JSON.stringify({ ...head, items: [] });
  response.write(opening.slice(0, -2));
  for (let start = 0; start < items.length; start += listItemsPerChunk) {
    const chunk = items.slice(start, start + listItemsPerChunk).map((item) => JSON.stringify(item));
    response.write(`${start === 0 ? '' : ','}${chunk.join(',')}`);
  }
  response.end(']}\n');
}

export function sendText(response: ServerResponse, statusCode: number, text: string): void {
  response.writeHead(statusCode, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, error.code, error.toStatus());
}

const maxBodyBytes = 3 * 1024 * 1024;

export async function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBodyBytes(request)).toString('utf8');
}

/** The request body as a JSON object; `undefined` for an empty body. */
export async function readJsonObject(request: IncomingMessage): Promise<JsonObject | undefined> {
  const type = contentType(request);
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) throw unsupportedMediaType(['application/json']);
  const text = await readBody(request);
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(parsed)) throw badRequest("couldn't get version/kind; json parse error: json: cannot unmarshal into Go value of type struct");
  return parsed;
}

/** Go's strconv.ParseBool, which kube-apiserver uses for flags such as `watch`. */
export function parseBoolean(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

/** A non-negative integer query parameter, or undefined when absent; 400 when malformed. */
export function integerParameter(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw badRequest(`${name}: Invalid value: "${value}": must be an integer`);
  return Number(value);
}

/** The media type of the request body without parameters, lower-cased. */
export function contentType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
