import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The webhook benchmark's baseline, as its own process: the least a durable
 * webhook endpoint can do. A bare fastify route that keeps the raw body and
 * inserts it into PostgreSQL (one autocommitted insert, so acknowledged
 * means on disk), on the same database server the platform uses, with the
 * same pool size as the integrations service (10).
 */
export const BASELINE_TABLE = 'bench_baseline.deliveries';

export const BASELINE_SCHEMA_SQL = [
  'create schema if not exists bench_baseline',
  `create table if not exists ${BASELINE_TABLE} (
     id bigint generated always as identity primary key,
     received_at timestamptz not null default now(),
     body bytea not null)`,
];

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const insert = async (body: unknown): Promise<string> => {
    const { rows } = await pool.query<{ id: string }>(`insert into ${BASELINE_TABLE} (body) values ($1) returning id`, [
      body,
    ]);
    return rows[0]!.id;
  };
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.route({
    method: ['POST', 'PUT'],
    url: '/*',
    handler: async (request, reply) => reply.code(202).send({ id: await insert(request.body) }),
  });
  await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`baseline failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}
