import type { EntityManager } from 'typeorm';

/**
 * Runs `work` inside a savepoint of the caller's transaction: what it wrote
 * is kept when it resolves and undone, alone, when it throws (the error is
 * passed on). How a batch applies its items one by one in one transaction
 * without one failure losing the others.
 */
export async function inSavepoint<T>(manager: EntityManager, name: string, work: () => Promise<T>): Promise<T> {
  await manager.query(`savepoint ${name}`);
  try {
    const result = await work();
    await manager.query(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await manager.query(`rollback to savepoint ${name}`);
    throw error;
  }
}
