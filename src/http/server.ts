import http from 'node:http';
import type { ConnectionLimits } from '../config';

/**
 * The hub's HTTP server with its connections bounded: a client that sends nothing, or its headers or body
 * a byte at a time, is cut off after `headersTimeoutMs` / `requestTimeoutMs` (checked every second); an
 * idle keep-alive connection closes after `keepAliveTimeoutMs`; beyond `maxConnections` open at once, a new
 * connection is closed as soon as it is accepted, before it costs anything else.
 */
export function createHttpServer(limits: ConnectionLimits): http.Server {
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1_000,
  });
  server.maxConnections = limits.maxConnections;
  return server;
}
