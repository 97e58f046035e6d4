import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestAbortedError } from '../../src/db/request-database';
import { requestScope } from '../../src/http/request-scope';

/** A response that closes when the test says, finished or not. */
function response(): ServerResponse & { closeNow(finished: boolean): void } {
  const res = new EventEmitter() as unknown as ServerResponse & { closeNow(finished: boolean): void };
  res.closeNow = (finished) => {
    Object.defineProperty(res, 'writableFinished', { value: finished });
    res.emit('close');
  };
  return res;
}

describe('a request’s deadline, its signal made at its first use', () => {
  it('stops a request past its deadline even if nothing ever asked for the signal', async () => {
    const res = response();
    const scope = requestScope(res, 20);
    expect(scope.stopReason!()).toBeUndefined();
    await sleep(40);
    const reason = scope.stopReason!();
    expect(reason).toBeInstanceOf(RequestAbortedError);
    expect(reason!.code).toBe('DEADLINE_EXCEEDED');
    expect(reason!.message).toMatch(/deadline of 20 ms/);
    // A signal asked for now is already aborted, with that reason.
    expect(scope.signal.aborted).toBe(true);
    expect(scope.signal.reason).toBe(reason);
    res.closeNow(true);
  });

  it('fires the signal at the deadline once something listens (a statement running)', async () => {
    const res = response();
    const scope = requestScope(res, 30);
    const fired = new Promise<unknown>((resolve) =>
      scope.signal.addEventListener('abort', () => resolve(scope.signal.reason)),
    );
    const reason = await fired;
    expect((reason as RequestAbortedError).code).toBe('DEADLINE_EXCEEDED');
    expect(scope.stopReason!()).toBe(reason);
    res.closeNow(true);
  });

  it('keeps the first reason: a stop before the signal is made, a client gone, the deadline after', async () => {
    const res = response();
    const scope = requestScope(res, 20);
    const busy = new RequestAbortedError('SERVER_BUSY', 'short of memory');
    scope.stop!(busy);
    res.closeNow(false);
    await sleep(30);
    expect(scope.stopReason!()).toBe(busy);
    expect(scope.signal.reason).toBe(busy);
  });

  it('says the client went away when the response closes unfinished, and nothing when it finished', async () => {
    const gone = response();
    const left = requestScope(gone, 10_000);
    const signal = left.signal;
    gone.closeNow(false);
    expect(signal.aborted).toBe(true);
    expect(left.stopReason!()!.code).toBe('CLIENT_CLOSED_REQUEST');
    const done = response();
    const answered = requestScope(done, 20);
    done.closeNow(true);
    await sleep(30);
    // An answered request is never stopped afterwards, and makes no timer when its signal is asked for late.
    expect(answered.stopReason!()).toBeUndefined();
    expect(answered.signal.aborted).toBe(false);
  });
});
