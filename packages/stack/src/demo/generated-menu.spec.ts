import { importMenuInput } from './demo-menus';
import { generatedMenu } from './generated-menu';

describe('generatedMenu', () => {
  it('has exactly the items asked for, options included, every reference resolving', () => {
    const menu = generatedMenu(500, 2);
    expect(menu.items).toHaveLength(500);
    const refs = new Set(menu.items.map((item) => item.ref));
    expect(refs.size).toBe(500);
    expect(new Set(menu.items.map((item) => item.externalPosId)).size).toBe(500);
    const inCategories = menu.categories.flatMap((category) => category.itemRefs);
    const options = menu.modifierGroups.flatMap((group) => group.optionRefs);
    expect(menu.modifierGroups).toHaveLength(10);
    expect(options).toHaveLength(30);
    // Every item is a dish in exactly one category or an option of exactly one group.
    expect([...inCategories, ...options].sort()).toEqual([...refs].sort());
    expect(menu.categories.every((category) => category.itemRefs.length <= 25)).toBe(true);
    const groupRefs = new Set(menu.modifierGroups.map((group) => group.ref));
    const offered = menu.items.flatMap((item) => item.modifierGroupRefs ?? []);
    expect(offered.every((ref) => groupRefs.has(ref))).toBe(true);
    expect(new Set(offered)).toEqual(groupRefs);
  });

  it('writes prices with the currency’s decimals and keeps names within the providers’ limits', () => {
    expect(generatedMenu(60, 3).items.every((item) => /^\d+\.\d{3}$/.test(item.price))).toBe(true);
    expect(generatedMenu(60, 2).items.every((item) => /^\d+\.\d{2}$/.test(item.price))).toBe(true);
    expect(generatedMenu(60, 0).items.every((item) => /^\d+$/.test(item.price))).toBe(true);
    const menu = generatedMenu(500, 2);
    for (const item of menu.items) expect(item.name.en.length).toBeGreaterThanOrEqual(2);
    for (const category of menu.categories) expect(category.name.en.length).toBeGreaterThanOrEqual(3);
  });

  it('is the same menu for the same count, and becomes an importMenu input', () => {
    expect(generatedMenu(120, 2)).toEqual(generatedMenu(120, 2));
    const input = importMenuInput(generatedMenu(120, 2), 'SAR', ['branch-1']) as { items: unknown[] };
    expect(input.items).toHaveLength(120);
  });

  it('a small menu has no modifier groups', () => {
    const menu = generatedMenu(4, 2);
    expect(menu.modifierGroups).toEqual([]);
    expect(menu.items.every((item) => item.modifierGroupRefs === undefined)).toBe(true);
  });

  it.each([0, 3, 2.5, -1, 10_001, Number.NaN])('refuses %p items with a clear error', (count) => {
    expect(() => generatedMenu(count, 2)).toThrow(/4 to 10000 items/);
  });

  it.each([-1, 4, 1.5])('refuses %p decimals', (decimals) => {
    expect(() => generatedMenu(10, decimals)).toThrow(/0 to 3 decimals/);
  });
});
