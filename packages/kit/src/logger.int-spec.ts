import { Writable } from 'node:stream';
import { Client } from 'pg';
import { createDataSource } from './db';
import { createLogger, withLogContext } from './logger';

/** A logger whose lines are kept in memory, one string per line. */
function capturingLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('logger-test', 'info', sink) };
}

/** The test server (jest's global setup); no table is needed, only errors. */
const serverUrl = (): string => process.env['NEXARA_TEST_ADMIN_URL']!;

describe('error log lines', () => {
  it('a pg error from a real query, with its client attached, logs message, code and stack in under 2 KB', async () => {
    const client = new Client({ connectionString: serverUrl() });
    await client.connect();
    let caught: unknown;
    try {
      await client.query('select * from no_such_table');
    } catch (error) {
      caught = error;
    }
    // Some libraries hang the client (socket, pool, parser) on the error: it must never reach the line.
    Object.assign(caught as object, { client });
    const { lines, logger } = capturingLogger();
    logger.error({ err: caught }, 'query failed');
    await client.end();

    expect(lines).toHaveLength(1);
    expect(Buffer.byteLength(lines[0]!)).toBeLessThan(2048);
    const line = JSON.parse(lines[0]!) as { service: string; level: string; err: Record<string, string> };
    expect(line).toMatchObject({ service: 'logger-test', level: 'error' });
    expect(line.err).toMatchObject({ message: 'relation "no_such_table" does not exist', code: '42P01' });
    expect(line.err['stack']).toContain('no_such_table');
    expect(lines[0]).not.toContain('connectionParameters');
  });

  it('a TypeORM query error keeps the driver error as its cause and the code at the top, under 2 KB', async () => {
    const dataSource = createDataSource({ url: serverUrl(), schema: 'public', entities: [] });
    await dataSource.initialize();
    let caught: unknown;
    try {
      await dataSource.query('select 1/0');
    } catch (error) {
      caught = error;
    }
    await dataSource.destroy();
    const { lines, logger } = capturingLogger();
    withLogContext({ tenantId: 'a-tenant' }, () => logger.warn({ err: caught }, 'division'));

    expect(Buffer.byteLength(lines[0]!)).toBeLessThan(2048);
    const line = JSON.parse(lines[0]!) as { tenantId: string; err: { type: string; code: string; cause: object } };
    expect(line.tenantId).toBe('a-tenant');
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '22012', cause: { code: '22012' } });
    // TypeORM copies the query and its parameters onto the error: they are not on the line.
    expect(lines[0]).not.toContain('"query"');
  });
});
