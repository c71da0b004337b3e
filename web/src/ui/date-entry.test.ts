import { dateOrderFor, datePattern, formatDateEntry, parseDateEntry } from './date-entry';

describe('dates typed the tenant’s way', () => {
  it('writes day first for Riyadh and London, month first for US zones', () => {
    expect(dateOrderFor('Asia/Riyadh')).toBe('DMY');
    expect(dateOrderFor('Europe/London')).toBe('DMY');
    expect(dateOrderFor('America/New_York')).toBe('MDY');
    expect(dateOrderFor('America/Indiana/Indianapolis')).toBe('MDY');
    expect(datePattern('DMY')).toBe('dd/mm/yyyy');
  });

  it('shows and reads ISO dates in that order', () => {
    expect(formatDateEntry('2026-03-05', 'DMY')).toBe('05/03/2026');
    expect(formatDateEntry('2026-03-05', 'MDY')).toBe('03/05/2026');
    expect(formatDateEntry('', 'DMY')).toBe('');
    expect(parseDateEntry('05/03/2026', 'DMY')).toBe('2026-03-05');
    expect(parseDateEntry('5.3.2026', 'DMY')).toBe('2026-03-05');
    expect(parseDateEntry('03/05/2026', 'MDY')).toBe('2026-03-05');
  });

  it('refuses what is not a real date', () => {
    expect(parseDateEntry('31/02/2026', 'DMY')).toBeNull();
    expect(parseDateEntry('13/13/2026', 'DMY')).toBeNull();
    expect(parseDateEntry('2026-03-05', 'DMY')).toBeNull();
    expect(parseDateEntry('', 'DMY')).toBeNull();
  });
});
