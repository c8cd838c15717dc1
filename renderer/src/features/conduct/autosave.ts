import type { ChecklistResult } from '../../../../shared/domain/audits';
import type { ChecklistEntry } from '../../../../shared/domain/findings';
import { payloadOf } from '../../components/errors';

export interface AnswerFields {
  result?: ChecklistResult;
  evidence?: string;
  sampled?: string;
  interviewed?: string;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'conflict' }
  | { kind: 'locked' };

export interface AutosaveOptions {
  /** How long typing may pause before a save goes out. */
  delayMs: number;
  retryMs: number;
  save(id: string, revision: number, fields: AnswerFields): Promise<ChecklistEntry>;
  onSaved(entry: ChecklistEntry): void;
  onState(state: SaveState): void;
  /** Someone else saved the item first: the fields that could not be saved, to show the person. */
  onConflict(lost: AnswerFields): void;
  onLocked(): void;
  now?: () => Date;
}

/**
 * Autosave of one checklist answer. Edits collect while the person types and go out after a short
 * pause, one request at a time so each carries the revision the previous one returned. A failed
 * request (backend away) keeps its fields and retries; nothing typed is dropped except on a
 * conflict or a lock, which are handed to the screen to show.
 */
export class AnswerAutosaver {
  private pending: AnswerFields = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    readonly id: string,
    private revision: number,
    private readonly opts: AutosaveOptions,
  ) {}

  get unsaved(): boolean {
    return Object.keys(this.pending).length > 0 || this.inFlight !== null;
  }

  change(fields: AnswerFields, immediate = false): void {
    if (this.stopped) return;
    Object.assign(this.pending, fields);
    this.opts.onState({ kind: 'pending' });
    this.schedule(immediate ? 0 : this.opts.delayMs);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Sends what is pending now; resolves once everything typed so far is stored (or given up on). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) {
      await this.inFlight;
      return this.flush();
    }
    if (this.stopped || Object.keys(this.pending).length === 0) return;
    const fields = this.pending;
    this.pending = {};
    this.opts.onState({ kind: 'saving' });
    this.inFlight = this.send(fields).finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
    if (Object.keys(this.pending).length > 0 && !this.timer) return this.flush();
  }

  private async send(fields: AnswerFields): Promise<void> {
    try {
      const saved = await this.opts.save(this.id, this.revision, fields);
      this.revision = saved.revision;
      this.opts.onSaved(saved);
      if (Object.keys(this.pending).length === 0) this.opts.onState({ kind: 'saved', at: this.opts.now?.() ?? new Date() });
    } catch (err) {
      const { code } = payloadOf(err);
      if (code === 'conflict') {
        const lost = { ...fields, ...this.pending };
        this.pending = {};
        this.opts.onState({ kind: 'conflict' });
        this.opts.onConflict(lost);
      } else if (code === 'locked') {
        this.stopped = true;
        this.pending = {};
        this.opts.onState({ kind: 'locked' });
        this.opts.onLocked();
      } else {
        // Newer edits made while this request failed win over the ones it carried.
        this.pending = { ...fields, ...this.pending };
        this.opts.onState({ kind: 'offline' });
        this.schedule(this.opts.retryMs);
      }
    }
  }

  /** After the screen reloaded the item (e.g. following a conflict), continue from its revision. */
  rebase(revision: number): void {
    this.revision = revision;
  }
}
