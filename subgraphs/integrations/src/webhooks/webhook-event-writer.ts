import type { Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { storeWebhookEvents, type NewWebhookEvent, type StoredWebhookEvent } from './webhook-event.repository';

type Waiting = {
  event: NewWebhookEvent;
  resolve: (stored: StoredWebhookEvent) => void;
  reject: (error: unknown) => void;
};

export type WebhookEventWriterOptions = {
  dataSource: DataSource;
  logger: Logger;
  /** Statements writing at once; deliveries arriving meanwhile wait and go together in the next one. */
  maxConcurrentWrites?: number;
  maxBatch?: number;
};

/**
 * The inbox's way into the database: each delivery resolves once it is
 * committed (stored and queued, or found a duplicate), exactly as if it had
 * its own transaction; but while `maxConcurrentWrites` statements are
 * already writing, newcomers wait and the next statement writes all of them
 * at once. A write starts at the end of the event loop's turn in which its
 * first delivery came (setImmediate: no timer, no added latency), so the
 * deliveries that arrive together (a batch from the webhook shim) go in one
 * statement; under load, the database commits and queues in batches, which
 * costs it a fraction per delivery.
 */
export class WebhookEventWriter {
  private readonly waiting: Waiting[] = [];
  private writing = 0;
  private scheduled = false;
  private readonly maxConcurrentWrites: number;
  private readonly maxBatch: number;

  constructor(private readonly options: WebhookEventWriterOptions) {
    this.maxConcurrentWrites = options.maxConcurrentWrites ?? 2;
    this.maxBatch = options.maxBatch ?? 200;
  }

  store(event: NewWebhookEvent): Promise<StoredWebhookEvent> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.writeWaiting();
      });
    });
  }

  private writeWaiting(): void {
    while (this.writing < this.maxConcurrentWrites && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.writing += 1;
      void this.write(batch).finally(() => {
        this.writing -= 1;
        this.writeWaiting();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const stored = await storeWebhookEvents(
        this.options.dataSource,
        batch.map((w) => w.event),
      );
      batch.forEach((w, i) => w.resolve(stored[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One delivery the database refuses must not fail the others with it: each on its own.
      this.options.logger.warn(
        { err: error, deliveries: batch.length },
        'a batch of webhook deliveries failed; storing them one by one',
      );
      await Promise.all(batch.map((w) => this.write([w])));
    }
  }
}
