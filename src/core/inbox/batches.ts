/**
 * Works inbounds in batches: what arrives while the database is busy waits, and goes together
 * in the next transaction (core.handleInbounds → Units.runMany), at most `running` transactions
 * at a time (and more than one only for a full batch). When quiet, an inbound goes at once, alone; under load, many share one BEGIN,
 * COMMIT and outbox INSERT. Few transactions at once on purpose: acknowledging the platform
 * (storing its inbox row) waits for the same database, and on the embedded one for its one session.
 */
export type Settled<R> = PromiseSettledResult<R>;

interface Waiting<I, R> {
  input: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class Batches<I, R> {
  private waiting: Array<Waiting<I, R>> = [];
  private active = 0;

  constructor(
    private readonly limits: { running: number; size: number },
    private readonly runMany: (inputs: I[]) => Promise<Array<Settled<R>>>,
  ) {}

  /** Resolves with this input's result, or rejects with its error, once its batch is done. */
  run(input: I): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.pump();
    });
  }

  /**
   * One batch at a time while the backlog is short, so that what arrives meanwhile goes in the
   * next one (fewer, fuller transactions); a second only when a full batch is waiting already.
   */
  private pump(): void {
    while (this.waiting.length > 0 && (this.active === 0 || (this.active < this.limits.running && this.waiting.length >= this.limits.size))) {
      const batch = this.waiting.splice(0, this.limits.size);
      this.active += 1;
      void this.runBatch(batch).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async runBatch(batch: Array<Waiting<I, R>>): Promise<void> {
    try {
      const results = await this.runMany(batch.map((w) => w.input));
      batch.forEach((w, i) => {
        const result = results[i];
        if (result?.status === 'fulfilled') w.resolve(result.value);
        else w.reject(result ? result.reason : new Error('no result for this input'));
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
