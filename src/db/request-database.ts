import pLimit from 'p-limit';
import { Client, type ClientConfig } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { joinSnapshotStatements } from './shared-snapshot';
import { prepareReads } from './prepared-statements';

/** Why a request's database work stopped before it finished. */
export class RequestAbortedError extends Error {
  constructor(
    readonly code: 'DEADLINE_EXCEEDED' | 'CLIENT_CLOSED_REQUEST' | 'SERVER_BUSY' | 'RESPONSE_TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

/** A request's deadline and the signal that fires when it passes or the client goes away. */
export interface RequestScope {
  /** May be made at its first use (request-scope.ts): then `stopReason` tells without it. */
  readonly signal: AbortSignal;
  deadline: number;
  /** The operation's cost once known (RequestDatabase.cost): the memory guard stops the costliest first. */
  cost?: number;
  /** At most this many rows read in all (each becomes objects many times its size); past it the request is stopped. */
  maxRows?: number;
  /** Stops the request (its signal fires with the reason). */
  stop?: (reason: RequestAbortedError) => void;
  /** Why the request was stopped, undefined while it may run; for a scope whose signal is made at its first use. */
  stopReason?: () => RequestAbortedError | undefined;
}

/** A lane: requests costing more than `above` run at most `concurrency` at a time. */
export interface Lane {
  above: number;
  concurrency: number;
}

/**
 * Shares the pool (and the CPU) between requests so that none can starve the others: a request holds
 * at most one connection, and requests above a lane's cost run at most that lane's number at a time
 * (never more than `poolSize - reserved`): heavy ones one by one, middling ones a few at once, so that
 * small requests always find a free connection and a turn on the event loop however many clients
 * send either. p-limit keeps each lane's queue.
 */
export class ConnectionLanes {
  private readonly lanes: { above: number; limit: pLimit.Limit }[];

  constructor(
    readonly poolSize: number,
    reserved: number,
    lanes: Lane[],
  ) {
    this.lanes = [...lanes]
      .sort((a, b) => b.above - a.above)
      .map((lane) => ({
        above: lane.above,
        limit: pLimit(Math.max(1, Math.min(lane.concurrency, poolSize - reserved))),
      }));
  }

  /** Waits for a slot in the lane of this cost; resolves with the function that frees it (undefined: no lane, small request). */
  acquire(cost: number): Promise<(() => void) | undefined> {
    const lane = this.lanes.find((candidate) => cost > candidate.above);
    if (!lane) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      void lane.limit(() => new Promise<void>((release) => resolve(release)));
    });
  }
}

/**
 * One request's access to PostgreSQL: every statement of the request runs on one connection, taken
 * from the pool at its first statement (waiting in the heavy lane first if the request is costly) and
 * given back when the response is sent; its reads run as prepared statements (prepared-statements.ts)
 * unless `preparedReads` is false. When the deadline passes or the client disconnects, the statement
 * running is cancelled (`pg_cancel_backend` over a separate connection) and every later one fails at
 * once with a RequestAbortedError, so the execution winds down quickly.
 */
export class RequestDatabase {
  /** The operation's cost, set before execution; decides the lane (and is the scope's, for the memory guard). */
  get cost(): number {
    return this.scope.cost ?? 0;
  }

  set cost(cost: number) {
    this.scope.cost = cost;
  }

  /** The request's EntityManager, made at its first use (a request that reads nothing makes none). */
  get manager(): EntityManager {
    return this.open().manager;
  }

  private opened: { runner: QueryRunner; manager: EntityManager; serial: pLimit.Limit } | undefined;
  private connecting: Promise<void> | undefined;
  private releaseLane: (() => void) | undefined;
  private released = false;
  private inFlight = 0;
  private rowsRead = 0;
  private cancelling: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly lanes: ConnectionLanes,
    private readonly scope: RequestScope,
    private readonly cancelConnection: ClientConfig,
    private readonly preparedReads: boolean,
    /** A shared snapshot (shared-snapshot.ts) every statement reads, in one read-only transaction. */
    private readonly snapshot?: string,
  ) {}

  private open(): { runner: QueryRunner; manager: EntityManager; serial: pLimit.Limit } {
    if (this.opened) return this.opened;
    const runner = this.dataSource.createQueryRunner('master');
    // One statement at a time on the request's connection (pg deprecates queueing on a busy client).
    const serial = pLimit(1);
    this.opened = { runner, manager: this.dataSource.createEntityManager(runner), serial };
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = async (...args: unknown[]) => {
      await this.prepare();
      return serial(async () => {
        this.throwIfAborted();
        this.inFlight += 1;
        try {
          const result = await query(...args);
          this.countRows(result);
          return result;
        } catch (error) {
          // A statement cancelled because of the deadline says so, not "canceling statement due to user request".
          this.throwIfAborted();
          throw error;
        } finally {
          this.inFlight -= 1;
        }
      });
    };
    this.scope.signal.addEventListener('abort', () => this.onAbort(), { once: true });
    return this.opened;
  }

  /** Rows read so far, against the scope's maxRows: past it, the request is stopped before they become objects. */
  private countRows(result: unknown): void {
    const rows = Array.isArray(result) ? result.length : 0;
    this.rowsRead += rows;
    const { maxRows } = this.scope;
    if (maxRows === undefined || this.rowsRead <= maxRows) return;
    const reason = new RequestAbortedError(
      'RESPONSE_TOO_LARGE',
      `The request reads more than ${maxRows} rows (HUB_MAX_ROWS); ask for fewer fields or a smaller page`,
    );
    this.scope.stop?.(reason);
    throw reason;
  }

  /** Fires when the request's deadline passes or its client goes away. */
  get signal(): AbortSignal {
    return this.scope.signal;
  }

  /**
   * Why the request was stopped (its deadline passed, its client went away, the memory guard or the row
   * limit stopped it), undefined while it may run; without making a signal nobody listens to yet.
   */
  stopReason(): RequestAbortedError | undefined {
    if (this.scope.stopReason) return this.scope.stopReason();
    const { signal } = this.scope;
    if (!signal.aborted) return undefined;
    return signal.reason instanceof RequestAbortedError
      ? signal.reason
      : new RequestAbortedError('DEADLINE_EXCEEDED', 'The request was stopped');
  }

  private throwIfAborted(): void {
    const reason = this.stopReason();
    if (reason) throw reason;
  }

  /** Lane, then a pooled connection; both waits end at the deadline. */
  private prepare(): Promise<void> {
    this.connecting ??= (async () => {
      this.throwIfAborted();
      this.releaseLane = await this.untilAborted(this.lanes.acquire(this.cost), (release) => release?.());
      const { runner } = this.open();
      const client = await this.untilAborted(runner.connect() as Promise<Client>, () => runner.release());
      if (this.snapshot) for (const statement of joinSnapshotStatements(this.snapshot)) await client.query(statement);
      if (this.preparedReads) prepareReads(client);
    })();
    return this.connecting;
  }

  /** `promise`, or the abort reason if the request is stopped first (then `dispose` frees what arrives late). */
  private untilAborted<T>(promise: Promise<T>, dispose: (value: T) => unknown): Promise<T> {
    this.throwIfAborted();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(this.scope.signal.reason);
        void promise.then(dispose, () => undefined);
      };
      this.scope.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.scope.signal.removeEventListener('abort', onAbort);
          if (this.scope.signal.aborted) return;
          resolve(value);
        },
        (error) => {
          this.scope.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** The pooled client the request holds, if it got one. */
  private connectedClient(): Client | undefined {
    return (this.opened?.runner as unknown as { databaseConnection?: Client } | undefined)?.databaseConnection;
  }

  private onAbort(): void {
    if (this.inFlight === 0 || this.released) return;
    const pid = (this.connectedClient() as { processID?: number } | undefined)?.processID;
    if (!pid) return;
    this.cancelling = (async () => {
      const client = new Client({ ...this.cancelConnection, connectionTimeoutMillis: 2_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT pg_cancel_backend($1)', [pid]);
      } catch {
        // The statement timeout (the same deadline) stops it anyway.
      } finally {
        await client.end().catch(() => undefined);
      }
    })();
  }

  /** Gives the connection and the lane back; safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.cancelling;
    await this.connecting?.catch(() => undefined);
    // A statement still running (cancelled, or stopped by statement_timeout) must end before the
    // connection goes back to the pool: the next request would otherwise queue behind it on the client.
    const opened = this.opened;
    if (opened) {
      await opened.serial(async () => undefined).catch(() => undefined);
      if (this.snapshot && !opened.runner.isReleased)
        await this.connectedClient()
          ?.query('ROLLBACK')
          .catch(() => undefined);
      if (!opened.runner.isReleased) await opened.runner.release().catch(() => undefined);
    }
    this.releaseLane?.();
  }
}
