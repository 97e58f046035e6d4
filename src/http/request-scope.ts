import type { ServerResponse } from 'node:http';
import { RequestAbortedError, type RequestScope } from '../db/request-database';
import type { MemoryGuard } from '../graphql/memory-guard';

/**
 * The request's deadline: when it passes, or when the client disconnects before the answer, or when the
 * memory guard stops it, the request is stopped: its running SQL is cancelled, its later statements and
 * resolvers refused. The AbortController and the deadline's timer are made at the signal's first use (the
 * request's connection opening): a request answered without SQL (a cached answer, a refusal, a field
 * answered from what the request holds) makes neither, about 0.1 ms of CPU less; until then the deadline is
 * checked against the clock (`stopReason`).
 */
export function requestScope(
  res: ServerResponse,
  timeoutMs: number,
  options: { guard?: MemoryGuard; maxRows?: number } = {},
): RequestScope {
  const scope = new DeadlineScope(timeoutMs, options.maxRows);
  const untrack = options.guard?.add(scope);
  res.on('close', () => {
    untrack?.();
    scope.close(res.writableFinished);
  });
  return scope;
}

class DeadlineScope implements RequestScope {
  readonly deadline: number;
  cost?: number;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reason: RequestAbortedError | undefined;
  private closed = false;

  constructor(
    private readonly timeoutMs: number,
    readonly maxRows?: number,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      const reason = this.stopReason();
      if (reason) this.controller.abort(reason);
      else if (!this.closed) this.timer = setTimeout(() => this.stop(this.overdue()), this.deadline - Date.now());
    }
    return this.controller.signal;
  }

  readonly stopReason = (): RequestAbortedError | undefined => {
    // Without a timer yet, the clock tells whether the deadline has passed.
    if (!this.reason && !this.timer && !this.closed && Date.now() >= this.deadline) this.stop(this.overdue());
    return this.reason;
  };

  readonly stop = (reason: RequestAbortedError): void => {
    if (this.reason) return;
    this.reason = reason;
    clearTimeout(this.timer);
    this.controller?.abort(reason);
  };

  /** The response is done: the timer goes; a response not finished means the client went away. */
  close(finished: boolean): void {
    this.closed = true;
    clearTimeout(this.timer);
    if (!finished) this.stop(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The client closed the connection'));
  }

  private overdue(): RequestAbortedError {
    return new RequestAbortedError(
      'DEADLINE_EXCEEDED',
      `The request took longer than its deadline of ${this.timeoutMs} ms and was stopped`,
    );
  }
}

/** The client's address, as the throttle and the token checks count it. */
export const clientOf = (req: { socket: { remoteAddress?: string } }): string => req.socket.remoteAddress ?? 'unknown';
