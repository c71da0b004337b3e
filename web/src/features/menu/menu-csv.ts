import Papa from 'papaparse';
import type { ImportMenuInput, MenuItemInput, PriceOverrideInput, Provider } from '../../gql/graphql';

/**
 * The menu CSV (docs/dashboard.md, "Menu"): a header line, then one line per
 * item. Columns, in any order, names case-insensitive:
 *
 *   category, category_ar   the item's category (English, Arabic); lines with
 *                           the same category form it, in file order
 *   ref                     the item's reference, unique in the menu (kept
 *                           across imports, so ids stay)
 *   name_en, name_ar        the item's name
 *   price                   decimal in the menu currency ("12.50")
 *   description_en, description_ar, pos_id, tax_rate   optional
 *   price_<provider>        optional per-provider price, the provider's code
 *                           in any case ("price_" + a code of the registry)
 *
 * Required: category, ref, name_en, price. The menu's own name, currency
 * and branches come from the import form. Fields follow RFC 4180: commas,
 * quotes and line breaks inside double quotes, a quote doubled.
 */
export const REQUIRED_COLUMNS = ['category', 'ref', 'name_en', 'price'] as const;
export const OPTIONAL_COLUMNS = [
  'category_ar',
  'name_ar',
  'description_en',
  'description_ar',
  'pos_id',
  'tax_rate',
] as const;

/** A problem with the file, where it is: `line` 1 is the header; `field` is a column name. */
export type CsvProblem = { line: number | null; field: string | null; message: string };

/**
 * RFC 4180 fields (papaparse), each row with the line it starts on: line
 * breaks inside quoted fields count, so a problem names the line an editor
 * shows. A trailing line break ends the last row; blank lines are skipped.
 */
export function parseCsv(text: string): { rows: { line: number; fields: string[] }[] } | { problem: CsvProblem } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { line: number; fields: string[] }[] = [];
  let problem: CsvProblem | null = null;
  // Where the next row may start, and the line of that offset: papaparse's
  // cursor is the offset just after each row's line break.
  let offset = 0;
  let line = 1;
  const advanceTo = (target: number) => {
    for (; offset < target; offset++) {
      const c = body[offset];
      if (c === '\n' || (c === '\r' && body[offset + 1] !== '\n')) line++;
    }
  };
  Papa.parse<string[]>(body, {
    delimiter: ',',
    skipEmptyLines: true,
    step: (result, parser) => {
      let start = offset;
      while (body[start] === '\r' || body[start] === '\n') start++;
      advanceTo(start);
      const rowLine = line;
      if (result.errors.some((error) => error.code === 'MissingQuotes')) {
        problem = { line: rowLine, field: null, message: 'a quoted field is never closed' };
        parser.abort();
        return;
      }
      rows.push({ line: rowLine, fields: result.data });
      advanceTo(result.meta.cursor);
    },
  });
  return problem ? { problem } : { rows };
}

/** What the import form adds to the file: the menu's name, currency and branches. */
export type MenuHeader = Pick<ImportMenuInput, 'name' | 'currency' | 'branchIds'> & { id?: string | null };

/**
 * The file as `importMenu`'s input, plus the line each item came from (so
 * the API's problems, which name `items[3]`, can name a line); or every
 * problem found in the file, with its line and column.
 */
export function menuFromCsv(
  text: string,
  header: MenuHeader,
  providers: readonly Provider[],
): { input: ImportMenuInput; itemLines: number[] } | { problems: CsvProblem[] } {
  const parsed = parseCsv(text);
  if ('problem' in parsed) return { problems: [parsed.problem] };
  const [head, ...body] = parsed.rows;
  if (!head) return { problems: [{ line: null, field: null, message: 'the file is empty' }] };
  const columns = head.fields.map((name) => name.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  const priceColumns = new Map(providers.map((p) => [`price_${p.toLowerCase()}`, p]));
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...priceColumns.keys()]);
  columns.forEach((name, index) => {
    if (!known.has(name)) problems.push({ line: 1, field: name || `#${index + 1}`, message: 'is not a known column' });
    else if (columns.indexOf(name) !== index) problems.push({ line: 1, field: name, message: 'appears twice' });
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) problems.push({ line: 1, field: name, message: 'is a required column' });
  }
  if (problems.length) return { problems };
  if (!body.length) return { problems: [{ line: null, field: null, message: 'the file has no items' }] };

  const categories = new Map<string, { ar: string; refs: string[] }>();
  const items: MenuItemInput[] = [];
  const itemLines: number[] = [];
  for (const row of body) {
    if (row.fields.length !== columns.length) {
      problems.push({
        line: row.line,
        field: null,
        message: `has ${row.fields.length} fields where the header has ${columns.length}`,
      });
      continue;
    }
    const value = (name: string) => (row.fields[columns.indexOf(name)] ?? '').trim();
    const optional = (name: string) => value(name) || null;
    for (const name of REQUIRED_COLUMNS) {
      if (!value(name)) problems.push({ line: row.line, field: name, message: 'is required' });
    }
    const category = value('category');
    const ref = value('ref');
    if (category) {
      const entry = categories.get(category) ?? { ar: '', refs: [] };
      entry.ar ||= value('category_ar');
      entry.refs.push(ref);
      categories.set(category, entry);
    }
    const overrides: PriceOverrideInput[] = [];
    for (const [column, provider] of priceColumns) {
      if (columns.includes(column) && value(column)) overrides.push({ provider, price: value(column) });
    }
    const description = optional('description_en');
    items.push({
      ref,
      name: { en: value('name_en'), ar: optional('name_ar') },
      price: value('price'),
      ...(description ? { description: { en: description, ar: optional('description_ar') } } : {}),
      ...(optional('pos_id') ? { externalPosId: value('pos_id') } : {}),
      ...(optional('tax_rate') ? { taxRate: value('tax_rate') } : {}),
      ...(overrides.length ? { priceOverrides: overrides } : {}),
    });
    itemLines.push(row.line);
  }
  if (problems.length) return { problems };
  return {
    input: {
      ...header,
      categories: [...categories].map(([name, { ar, refs }], index) => {
        // A category's ref: its name made a ref, numbered so two names that read alike stay two.
        const ref = `c${index + 1}-${name.replace(/[^A-Za-z0-9._:-]+/g, '-').slice(0, 40)}`;
        return { ref, name: { en: name, ar: ar || null }, itemRefs: refs };
      }),
      items,
    },
    itemLines,
  };
}

/**
 * An API problem (`{path, message}`, path like `items[3].price`) as a
 * problem of the file: items name their line and column; anything else
 * (the menu's name, its branches) keeps its path.
 */
export function csvProblemFromApi(problem: { path: string; message: string }, itemLines: number[]): CsvProblem {
  const match = /^items\[(\d+)\]\.?(.*)$/.exec(problem.path);
  const line = match ? itemLines[Number(match[1])] : undefined;
  if (!match || line === undefined) return { line: null, field: problem.path, message: problem.message };
  return {
    line,
    field: API_FIELD_COLUMNS[match[2]!.replace(/\[\d+\].*$/, '')] ?? (match[2] || null),
    message: problem.message,
  };
}

/** Where an item's API field came from in the file. */
const API_FIELD_COLUMNS: Record<string, string> = {
  ref: 'ref',
  'name.en': 'name_en',
  'name.ar': 'name_ar',
  price: 'price',
  'description.en': 'description_en',
  'description.ar': 'description_ar',
  externalPosId: 'pos_id',
  taxRate: 'tax_rate',
  priceOverrides: 'price_<provider>',
};
