/**
 * The kabupaten's targets (defaults: 0% extreme poverty in 2026, 4.5% poverty in 2029: Kendal's TKPK), as
 * edited in the Pemantauan mode and saved in the project file (`project-file.ts`, `targets`). One list for the
 * app (one district at a time): opening a project restores its targets.
 */
import { checkTargets, DEFAULT_TARGETS, type Target, type TargetId } from '../lib/graduation/targets.ts';
import type { Message } from '../lib/messages/message.ts';

export class TargetsState {
  list = $state.raw<Target[]>(DEFAULT_TARGETS.map((t) => ({ ...t })));
  error = $state.raw<Message | null>(null);

  /** Sets one target's year or value (a share); an invalid list is refused with its message. */
  set(id: TargetId, change: Partial<Pick<Target, 'year' | 'value'>>): boolean {
    const next = this.list.map((t) => (t.id === id ? { ...t, ...change } : t));
    return this.replace(next);
  }

  /** Replaces the list (a project read back, or the form); false with `error` set when it is not valid. */
  replace(value: unknown): boolean {
    const r = checkTargets(value);
    if (!r.ok) {
      this.error = r.error;
      return false;
    }
    this.error = null;
    this.list = r.targets;
    return true;
  }

  reset(): void {
    this.replace(DEFAULT_TARGETS.map((t) => ({ ...t })));
  }
}

export const targets = new TargetsState();
