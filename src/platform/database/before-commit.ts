import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Work that joins every unit of work just before it commits: it runs in the transaction, after
 * the use case's work, so what it writes commits with that work or not at all. It may return a
 * function to call once the transaction has committed (never called when it rolled back).
 */
export type BeforeCommit = (manager: EntityManager) => Promise<(() => void) | void>;

/**
 * The hooks TypeOrmUnitOfWork runs before each commit, registered by the features that need to
 * write alongside every transaction (the audit trail) without the use cases knowing of them.
 */
@Injectable()
export class BeforeCommitHooks {
  private readonly hooks: BeforeCommit[] = [];

  /** Adds a hook; returns the function that removes it again. */
  add(hook: BeforeCommit): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  /** Runs every hook in order inside the transaction; returns their after-commit functions. */
  async run(manager: EntityManager): Promise<(() => void)[]> {
    const committed: (() => void)[] = [];
    for (const hook of [...this.hooks]) {
      const after = await hook(manager);
      if (after) committed.push(after);
    }
    return committed;
  }
}
