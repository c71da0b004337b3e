import { spliceScenarios } from './splice';

const EXISTING = [
  '# Benchmarks',
  '',
  'Hand-written note.',
  '',
  '## Summary',
  '',
  '| Scenario | Measure |',
  '|---|---|',
  '| Gateway | p95 |',
  '| Metrics | median |',
  '',
  '## Gateway',
  '',
  'Gateway text, edited by hand.',
  '',
  '## Before and after',
  '',
  'Old.',
  '',
].join('\n');

const RENDERED = (figure: string): string =>
  [
    '# Benchmarks',
    '',
    '## Summary',
    '',
    '| Scenario | Measure |',
    '|---|---|',
    '| Gateway | p95 (rendered) |',
    `| Control plane | toggle ${figure} |`,
    `| Control plane | menu ${figure} |`,
    '',
    '## Gateway',
    '',
    'Gateway text as rendered.',
    '',
    '## Control plane',
    '',
    `Toggle ${figure}.`,
    '',
    '## Before and after',
    '',
  ].join('\n');

const CONTROL = [{ label: 'Control plane', heading: 'Control plane' }];

describe('spliceScenarios', () => {
  it('adds a new scenario’s rows after the summary and its section before the named heading, keeping the rest', () => {
    const out = spliceScenarios(EXISTING, RENDERED('1 s'), CONTROL, ['Before and after']);
    const lines = out.split('\n');
    expect(lines.slice(8, 12)).toEqual([
      '| Gateway | p95 |',
      '| Metrics | median |',
      '| Control plane | toggle 1 s |',
      '| Control plane | menu 1 s |',
    ]);
    expect(out).toContain('Hand-written note.');
    expect(out).toContain('Gateway text, edited by hand.');
    expect(out).not.toContain('rendered');
    expect(out.indexOf('## Control plane')).toBeLessThan(out.indexOf('## Before and after'));
    expect(out.indexOf('## Gateway')).toBeLessThan(out.indexOf('## Control plane'));
  });

  it('replaces the rows and section of a scenario already there, in place', () => {
    const once = spliceScenarios(EXISTING, RENDERED('1 s'), CONTROL, ['Before and after']);
    const twice = spliceScenarios(once, RENDERED('2 s'), CONTROL, ['Before and after']);
    expect(twice).toBe(once.replaceAll('1 s', '2 s'));
    expect(twice.match(/## Control plane/g)).toHaveLength(1);
    expect(twice.match(/\| Control plane \|/g)).toHaveLength(2);
  });

  it('puts a section at the end when no heading to go before exists', () => {
    const out = spliceScenarios(EXISTING, RENDERED('1 s'), CONTROL, ['Nowhere']);
    expect(out.trimEnd().endsWith('Toggle 1 s.')).toBe(true);
  });

  it('refuses a file without a Summary table rather than writing rows anywhere', () => {
    expect(() => spliceScenarios('# Benchmarks\n', RENDERED('1 s'), CONTROL)).toThrow(/no Summary table/);
  });
});
