type Pending<K, V> = { key: K; resolve: (value: V) => void; reject: (error: unknown) => void };

/**
 * Collects the keys asked for while one GraphQL level resolves (a page of
 * orders asking for their timelines, or an `_entities` call) and loads them
 * with one query. It deliberately caches nothing: a request with several
 * mutations must see each one's result, not the first read.
 */
export class BatchLoader<K, V> {
  private pending: Pending<K, V>[] = [];

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly fallback: (key: K) => V,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      // setImmediate runs after every resolver of the current level has been called.
      if (this.pending.length === 1) setImmediate(() => void this.dispatch());
    });
  }

  private async dispatch(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const values = await this.loadMany([...new Set(batch.map((item) => item.key))]);
      for (const item of batch)
        item.resolve(values.has(item.key) ? (values.get(item.key) as V) : this.fallback(item.key));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
