import { csvProblemFromApi, menuFromCsv, parseCsv } from './menu-csv';

const HEADER = { name: { en: 'Main', ar: null }, currency: 'SAR', branchIds: ['b1'] };
const PROVIDERS = ['ALPHA', 'BETA'] as never[];

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF and no final line break',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['quoted commas, quotes and line breaks', 'a\n"x, ""y""\nz"', [['a'], ['x, "y"\nz']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['blank lines skipped', 'a\n\n1\n', [['a'], ['1']]],
    ['a byte order mark', '\ufeffa\n1', [['a'], ['1']]],
  ])('%s', (_, text, expected) => {
    const parsed = parseCsv(text);
    expect('rows' in parsed && parsed.rows.map((row) => row.fields)).toEqual(expected);
  });

  it('numbers rows by the line they start on, counting line breaks inside quotes', () => {
    const parsed = parseCsv('a\n"1\n2"\n3\n');
    expect('rows' in parsed && parsed.rows.map((row) => row.line)).toEqual([1, 2, 4]);
  });

  it('refuses a quote never closed, naming its line', () => {
    expect(parseCsv('a\n"open\n')).toEqual({
      problem: { line: 2, field: null, message: 'a quoted field is never closed' },
    });
  });
});

describe('menuFromCsv', () => {
  it('builds categories in file order, items with names, prices, POS ids and per-provider prices', () => {
    const csv = [
      'Category,category_ar,ref,name_en,name_ar,price,pos_id,tax_rate,price_beta',
      'Burgers,برجر,b1,Burger,برجر,25.00,POS-1,15,27.50',
      'Drinks,,d1,"Cola, can",,5,,,',
      'Burgers,,b2,Double,,35.00,,,',
    ].join('\n');
    const result = menuFromCsv(csv, HEADER, PROVIDERS);
    expect(result).toEqual({
      itemLines: [2, 3, 4],
      input: {
        ...HEADER,
        categories: [
          { ref: 'c1-Burgers', name: { en: 'Burgers', ar: 'برجر' }, itemRefs: ['b1', 'b2'] },
          { ref: 'c2-Drinks', name: { en: 'Drinks', ar: null }, itemRefs: ['d1'] },
        ],
        items: [
          {
            ref: 'b1',
            name: { en: 'Burger', ar: 'برجر' },
            price: '25.00',
            externalPosId: 'POS-1',
            taxRate: '15',
            priceOverrides: [{ provider: 'BETA', price: '27.50' }],
          },
          { ref: 'd1', name: { en: 'Cola, can', ar: null }, price: '5' },
          { ref: 'b2', name: { en: 'Double', ar: null }, price: '35.00' },
        ],
      },
    });
  });

  it('names every missing required field by line and column, and an unknown or missing column', () => {
    expect(menuFromCsv('category,ref,name_en,price\nA,a1,,1\nA,,Two,\n', HEADER, PROVIDERS)).toEqual({
      problems: [
        { line: 2, field: 'name_en', message: 'is required' },
        { line: 3, field: 'ref', message: 'is required' },
        { line: 3, field: 'price', message: 'is required' },
      ],
    });
    expect(menuFromCsv('category,ref,name,price,price_gamma\n', HEADER, PROVIDERS)).toEqual({
      problems: [
        { line: 1, field: 'name', message: 'is not a known column' },
        { line: 1, field: 'price_gamma', message: 'is not a known column' },
        { line: 1, field: 'name_en', message: 'is a required column' },
      ],
    });
    expect(menuFromCsv('category,ref,name_en,price\nA,a1,One\n', HEADER, PROVIDERS)).toEqual({
      problems: [{ line: 2, field: null, message: 'has 3 fields where the header has 4' }],
    });
    expect(menuFromCsv('', HEADER, PROVIDERS)).toEqual({
      problems: [{ line: null, field: null, message: 'the file is empty' }],
    });
    expect(menuFromCsv('category,ref,name_en,price\n', HEADER, PROVIDERS)).toEqual({
      problems: [{ line: null, field: null, message: 'the file has no items' }],
    });
  });

  it("maps the API's item paths back to the file's line and column", () => {
    expect(csvProblemFromApi({ path: 'items[1].price', message: 'bad' }, [2, 5])).toEqual({
      line: 5,
      field: 'price',
      message: 'bad',
    });
    expect(csvProblemFromApi({ path: 'items[0].name.ar', message: 'long' }, [2])).toEqual({
      line: 2,
      field: 'name_ar',
      message: 'long',
    });
    expect(csvProblemFromApi({ path: 'items[0].priceOverrides[0].price', message: 'x' }, [2])).toMatchObject({
      field: 'price_<provider>',
    });
    expect(csvProblemFromApi({ path: 'currency', message: 'unknown' }, [2])).toEqual({
      line: null,
      field: 'currency',
      message: 'unknown',
    });
  });
});
