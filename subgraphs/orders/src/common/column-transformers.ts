import type { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint as a string so no precision is lost silently; our amounts
 * are minor units that must stay safe integers, so we convert and check.
 */
export const bigintColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const amount = Number(value);
    if (!Number.isSafeInteger(amount)) throw new Error(`bigint ${value} is outside the safe integer range`);
    return amount;
  },
};
