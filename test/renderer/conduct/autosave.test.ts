import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../renderer/src/api/client';
import { AnswerAutosaver, type AnswerFields, type SaveState } from '../../../renderer/src/features/conduct/autosave';
import type { ChecklistEntry } from '../../../shared/domain/findings';

const entry = (revision: number, fields: AnswerFields = {}): ChecklistEntry => ({
  id: 'q1', auditId: 'a', position: 1, clauseNumber: '7.5.3', questionId: null, text: 'Fråga', result: 'not_assessed',
  evidence: '', sampled: '', interviewed: '', createdAt: '', updatedAt: '', revision, attachmentCount: 0, findings: [], ...fields,
});

describe('autosave of a checklist answer', () => {
  let calls: { revision: number; fields: AnswerFields }[];
  let states: SaveState['kind'][];
  let respond: (revision: number, fields: AnswerFields) => Promise<ChecklistEntry>;
  let conflicts: AnswerFields[];
  let saver: AnswerAutosaver;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    states = [];
    conflicts = [];
    respond = (revision, fields) => Promise.resolve(entry(revision + 1, fields));
    saver = new AnswerAutosaver('q1', 1, {
      delayMs: 400,
      retryMs: 2000,
      save: (_id, revision, fields) => {
        calls.push({ revision, fields });
        return respond(revision, fields);
      },
      onSaved: () => undefined,
      onState: (s) => states.push(s.kind),
      onConflict: (lost) => conflicts.push(lost),
      onLocked: () => undefined,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('saves once typing pauses for 400 ms, with every field changed in the meantime', async () => {
    saver.change({ evidence: 'Två' });
    await vi.advanceTimersByTimeAsync(300);
    saver.change({ evidence: 'Två av' });
    saver.change({ sampled: '3 av 20' });
    await vi.advanceTimersByTimeAsync(399);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ revision: 1, fields: { evidence: 'Två av', sampled: '3 av 20' } }]);
    expect(states.at(-1)).toBe('saved');
    expect(saver.unsaved).toBe(false);
  });

  it('sends one request at a time, each with the revision the previous one returned', async () => {
    let release: () => void = () => undefined;
    respond = (revision, fields) => new Promise((resolve) => (release = () => resolve(entry(revision + 1, fields))));
    saver.change({ result: 'conforming' }, true);
    await vi.advanceTimersByTimeAsync(0);
    saver.change({ evidence: 'Rutinen' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([
      { revision: 1, fields: { result: 'conforming' } },
      { revision: 2, fields: { evidence: 'Rutinen' } },
    ]);
  });

  it('keeps the text and retries while the backend cannot be reached; newer typing wins', async () => {
    let failures = 1;
    respond = (revision, fields) =>
      failures-- > 0 ? Promise.reject(new ApiError({ code: 'internal', params: { reason: 'backend_unreachable' } })) : Promise.resolve(entry(revision + 1, fields));
    saver.change({ evidence: 'Första', sampled: '1 av 5' });
    await vi.advanceTimersByTimeAsync(400);
    expect(states.at(-1)).toBe('offline');
    saver.change({ evidence: 'Första och andra' });
    await vi.advanceTimersByTimeAsync(400);
    expect(calls.at(-1)).toEqual({ revision: 1, fields: { evidence: 'Första och andra', sampled: '1 av 5' } });
    expect(states.at(-1)).toBe('saved');
  });

  it('hands over what could not be saved when someone else saved first', async () => {
    respond = () => Promise.reject(new ApiError({ code: 'conflict', params: { expected: 1, actual: 2 } }));
    saver.change({ evidence: 'Min text' });
    await vi.advanceTimersByTimeAsync(400);
    expect(conflicts).toEqual([{ evidence: 'Min text' }]);
    expect(states.at(-1)).toBe('conflict');
    expect(saver.unsaved).toBe(false);
  });

  it('flush sends at once, e.g. when the person leaves the field or the page', async () => {
    saver.change({ interviewed: 'Enhetschef' });
    await saver.flush();
    expect(calls).toEqual([{ revision: 1, fields: { interviewed: 'Enhetschef' } }]);
  });
});
