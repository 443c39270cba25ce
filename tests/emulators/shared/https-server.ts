import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import { generate } from 'selfsigned';

/**
 * A local HTTPS server with a self-signed certificate generated at start, shared by the SaaS emulators.
 * Browsers reach it through `--host-resolver-rules` and either trust nothing (`ignoreHTTPSErrors`) or pin
 * the key with `--ignore-certificate-errors-spki-list=<spkiSha256>`.
 *
 * It speaks HTTP/2, as the SaaS hosts do, and HTTP/1.1 to clients that ask for it (the tests' Node clients).
 * Over HTTP/1.1 Chromium opens at most 6 connections to a host, so a scan with more requests in flight would
 * queue in the browser against the emulator and not against the SaaS.
 */
export interface EmulatorCertificate {
  cert: string;
  key: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo, the value Chromium's --ignore-certificate-errors-spki-list takes. */
  spkiSha256: string;
}

export async function generateCertificate(dnsNames: string[], ips: string[] = ['127.0.0.1']): Promise<EmulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: dnsNames[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  const spki = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
  return { cert: pems.cert, key: pems.private, spkiSha256: createHash('sha256').update(spki).digest('base64') };
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface RunningHttpsServer {
  port: number;
  certificate: EmulatorCertificate;
  close(): Promise<void>;
}

export async function startHttpsServer(options: {
  port?: number;
  dnsNames: string[];
  handler: RequestHandler;
}): Promise<RunningHttpsServer> {
  const certificate = await generateCertificate(options.dnsNames);
  const sockets = new Set<Socket>();
  const server = http2.createSecureServer({ key: certificate.key, cert: certificate.cert, allowHTTP1: true }, (h2Request, h2Response) => {
    // The compatibility API has the shape of node:http's; HTTP/2 names the host `:authority`, which the handlers
    // read as `Host`. (`request.socket.destroy()`, the emulators' `reset` fault, resets only the request's stream.)
    const request = h2Request as unknown as IncomingMessage;
    const response = h2Response as unknown as ServerResponse;
    if (request.headers.host === undefined && h2Request.authority) request.headers.host = h2Request.authority;
    Promise.resolve(options.handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end(`Emulator error: ${error instanceof Error ? error.stack : String(error)}`);
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    certificate,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
