import { request } from 'node:http';

/** A plain HTTP GET of `/` on 127.0.0.1:port without keep-alive (a port-forward's local end, typically). */
export function httpGet(port: number, host = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body of httpGet. */
export async function httpBody(port: number): Promise<string> {
  return (await httpGet(port)).body;
}
