import type { ServerResponse } from 'node:http';
import { RequestAbortedError, type RequestScope } from '../db/request-database';
import type { MemoryGuard } from '../graphql/memory-guard';

/**
 * The request's deadline: when it passes, or when the client disconnects before the answer, or when the
 * memory guard stops it, the signal fires; the request's running SQL is then cancelled and its later
 * statements refused.
 */
export function requestScope(
  res: ServerResponse,
  timeoutMs: number,
  options: { guard?: MemoryGuard; maxRows?: number } = {},
): RequestScope {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new RequestAbortedError(
          'DEADLINE_EXCEEDED',
          `The request took longer than its deadline of ${timeoutMs} ms and was stopped`,
        ),
      ),
    timeoutMs,
  );
  const scope: RequestScope = {
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    maxRows: options.maxRows,
    stop: (reason) => controller.abort(reason),
  };
  const untrack = options.guard?.add(scope);
  res.on('close', () => {
    untrack?.();
    clearTimeout(timer);
    if (!res.writableFinished)
      controller.abort(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The client closed the connection'));
  });
  return scope;
}

/** The client's address, as the throttle and the token checks count it. */
export const clientOf = (req: { socket: { remoteAddress?: string } }): string => req.socket.remoteAddress ?? 'unknown';
