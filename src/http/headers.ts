import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import helmet from 'helmet';

/**
 * Security headers by helmet; CORS open to every origin for reading (no credentials, so no cookie or token
 * of a visitor is ever sent). Express serves them on its routes through these middlewares; `/graphql`
 * (served without express, see graphql-handler.ts) sends the headers they set, recorded once.
 */
export const securityHeaders = helmet({
  // Apollo Sandbox (a page of scripts from Apollo's CDN) is the only HTML served from elsewhere; the API is JSON.
  contentSecurityPolicy: false,
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
});

export const corsHeaders = cors({
  origin: '*',
  credentials: false,
  methods: ['GET', 'POST'],
  allowedHeaders: [
    'content-type',
    'accept',
    'x-request-id',
    'apollo-require-preflight',
    'authorization',
    'if-none-match',
  ],
  exposedHeaders: ['x-request-id', 'x-cache', 'retry-after', 'etag', 'ratelimit', 'ratelimit-policy'],
  maxAge: 600,
});

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers helmet and cors set on an answer to a simple (not preflight) request, as a flat
 * `[name, value, …]` list for `writeHead`. Neither depends on the request there (CORS' origin is `*`),
 * so they are recorded once, by running both against a response that only records.
 */
export function recordedHeaders(): readonly string[] {
  const headers = new Map<string, string>();
  const recorder = {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  } as unknown as ServerResponse;
  const request = { method: 'GET', headers: { origin: 'https://example.org' } } as IncomingMessage;
  for (const middleware of [securityHeaders, corsHeaders] as Middleware[]) {
    let called = false;
    middleware(request, recorder, (error) => {
      if (error) throw error;
      called = true;
    });
    if (!called) throw new Error('a header middleware did not finish at once');
  }
  return [...headers].flat();
}
