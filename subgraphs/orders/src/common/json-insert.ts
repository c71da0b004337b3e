import type { EntityManager, EntityTarget, ObjectLiteral, ValueTransformer } from 'typeorm';

/**
 * Inserts entity rows in one statement whose single parameter is the rows as
 * JSON (`jsonb_populate_recordset` over the table's row type), answering the
 * `returning` columns of the rows inserted, in row order.
 *
 * Why not TypeORM's insert builder: it builds a parameter, a placeholder and
 * an escaping pass per value, which for a batch of orders (about thirty
 * columns each) was the orders subgraph's largest cost in the endToEnd
 * profile (BENCHMARKS.md, "End to end"). Here the rows are serialised once.
 *
 * The columns are those the first row gives (every row must give the same;
 * a column no row gives takes its default, as with the builder), each value
 * through its column's transformer. Rows are inserted in the order given, so
 * identity columns follow that order. `ignoreConflicts` adds
 * `on conflict do nothing` (the builder's `orIgnore`).
 */
export async function insertRowsAsJson<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Partial<T>[],
  options: { returning?: readonly string[]; ignoreConflicts?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const [first] = rows;
  if (!first) return [];
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.filter((column) => column.isInsert && column.propertyName in first);
  for (const row of rows) {
    if (columns.some((column) => !(column.propertyName in row))) {
      throw new Error(`insertRowsAsJson: every row of ${metadata.tablePath} must give the same columns`);
    }
  }
  const records = rows.map((row) =>
    Object.fromEntries(
      columns.map((column) => {
        const value: unknown = row[column.propertyName as keyof T];
        const transformer = column.transformer as ValueTransformer | undefined;
        return [column.databaseName, transformer ? transformer.to(value) : value];
      }),
    ),
  );
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  const table = metadata.tablePath;
  const returning = options.returning?.length
    ? ` returning ${options.returning.map((name) => `"${name}"`).join(', ')}`
    : '';
  return (await manager.query(
    `insert into ${table} (${names})
     select ${names} from jsonb_populate_recordset(null::${table}, $1::jsonb)` +
      (options.ignoreConflicts ? ' on conflict do nothing' : '') +
      returning,
    [JSON.stringify(records)],
  )) as Record<string, unknown>[];
}
