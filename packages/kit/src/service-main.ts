import type { Logger } from './logger';
import { stopTracing } from './tracing';

export type StartedService = {
  logger: Logger;
  /** Finishes the work in hand and closes every connection. */
  stop: () => Promise<void>;
};

/**
 * The entry point of a service process: starts it, and on SIGINT/SIGTERM
 * stops it once and exits 0 (1 if stopping failed). A service that cannot
 * start prints why and exits 1, so a supervisor (docker-compose, systemd)
 * sees the failure and restarts it.
 */
export function runService(name: string, start: () => Promise<StartedService>): void {
  start().then(
    ({ logger, stop }) => {
      let stopping = false;
      const onSignal = (signal: NodeJS.Signals): void => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping: finishing the work in hand');
        // The spans of the work just finished are exported before the process goes.
        stop()
          .then(() => stopTracing().catch(() => undefined))
          .then(
            () => process.exit(0),
            (error: unknown) => {
              logger.error({ err: error }, 'error while stopping');
              process.exit(1);
            },
          );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    },
    (error: unknown) => {
      process.stderr.write(
        `[${name}] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
