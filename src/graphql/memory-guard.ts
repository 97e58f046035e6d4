import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { RequestAbortedError, type RequestScope } from '../db/request-database';

/**
 * Keeps the heap under its cap whatever runs at once. The cost bounds the bytes of an answer, but building it
 * takes many times that (a 5.8 MB answer of 159,000 indicator values: some 140 MB of objects, promises and
 * rows while it runs), and several heavy requests may overlap a full response cache. After every full
 * garbage collection (perf_hooks' `gc` entries), when the live heap is over `fraction` of V8's heap limit,
 * the costliest running request is stopped: it answers SERVER_BUSY, its resolvers start no more, its SQL is
 * cancelled, and what it built is freed. At most one request is stopped per `pauseMs`, so that the memory
 * of the one stopped has time to go before another is.
 *
 * The `gc` entries arrive on a later turn of the event loop, which a request completing a long list of
 * promises does not give (microtasks only): so resolvers also sample the heap every 1,024 calls
 * (sampleHeap), synchronously, against a line halfway between `fraction` and the limit, since a sample
 * counts garbage not yet collected too.
 */
export class MemoryGuard {
  private readonly running = new Set<RequestScope>();
  private observer: PerformanceObserver | undefined;
  private lastStop = 0;
  /** Requests stopped since start. */
  stopped = 0;

  constructor(
    private readonly fraction: number,
    private readonly heapLimit = v8.getHeapStatistics().heap_size_limit,
    private readonly pauseMs = 250,
  ) {}

  /** Watches full collections, and answers sampleHeap, until `close`. */
  start(): void {
    started.add(this);
    this.observer = new PerformanceObserver((list) => {
      const major = (entry: PerformanceEntry) =>
        (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
        constants.NODE_PERFORMANCE_GC_MAJOR;
      if (list.getEntries().some(major)) this.check(v8.getHeapStatistics().used_heap_size);
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  close(): void {
    this.observer?.disconnect();
    started.delete(this);
  }

  /** A sample of the heap (garbage included), against the higher line. */
  sample(now = Date.now()): boolean {
    return this.check(v8.getHeapStatistics().used_heap_size, now, (1 + this.fraction) / 2);
  }

  /** Tracks a request until the returned function is called. */
  add(scope: RequestScope): () => void {
    this.running.add(scope);
    return () => this.running.delete(scope);
  }

  /** The live heap after a full collection: over the line, the costliest running request is stopped. */
  check(liveBytes: number, now = Date.now(), fraction = this.fraction): boolean {
    if (liveBytes <= fraction * this.heapLimit || now - this.lastStop < this.pauseMs) return false;
    let costliest: RequestScope | undefined;
    for (const scope of this.running) if (!costliest || (scope.cost ?? 0) > (costliest.cost ?? 0)) costliest = scope;
    if (!costliest) return false;
    this.running.delete(costliest);
    this.lastStop = now;
    this.stopped += 1;
    costliest.stop?.(
      new RequestAbortedError(
        'SERVER_BUSY',
        'The hub was short of memory and stopped this request, the costliest running; retry, or ask for less',
      ),
    );
    return true;
  }
}

/** The guards started in this process (one, in the hub). */
const started = new Set<MemoryGuard>();
let calls = 0;

/** Called by every resolver (execution-bounds.ts): every 1,024th call samples the heap for the started guard. */
export function sampleHeap(): void {
  calls = (calls + 1) & 1023;
  if (calls === 0) for (const guard of started) guard.sample();
}
