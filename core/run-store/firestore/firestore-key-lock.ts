/**
 * One lane per key for the Firestore run store's read-modify-writes within one process: a call waits for
 * the previous call on the same key (the same run, idempotency key, country or counter) before it starts
 * its transaction.
 *
 * Why, when Firestore transactions are already serializable: a server-side transaction locks what it
 * reads, so concurrent transactions on one document from one app instance make each other wait or abort
 * and retry, and a burst (a trainer's events, a Slack retry storm) can use up the client's attempts and
 * fail with ABORTED. Queuing them here leaves Firestore to arbitrate only between app instances. It is
 * also what keeps concurrent callers correct on the npm Firestore emulator, which does not isolate
 * transactions (see `tests/contract/run-store.firestore.test.ts`).
 */
export class KeyLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `work` after every earlier `run` with the same key has settled; returns its result. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
