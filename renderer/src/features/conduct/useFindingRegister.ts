import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FindingRegisterQuery, FindingSummary } from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { useDataVersion } from '../../stores/dataStore';

/**
 * Rows a call asks for. A screenful is 10 to 30 rows: a jump needs one or two pages, and a page of
 * 50 is a quarter of the bytes to send, parse and wait for that 200 were (30 → 12 ms over HTTP at 1M).
 */
export const PAGE_SIZE = 50;
/** Pages kept at most (6,000 rows): scrolling through a million findings must not keep them all. */
export const PAGES_KEPT = 120;
/**
 * Register calls on their way at once. A scroll that passes through the register (End, Home, a
 * drag) shows a new place every frame; asking for each one queued a dozen pages nobody would see
 * ahead of the one where the scrolling stopped. Beyond this, a page waits, and is asked for only
 * if it is still in view when a call comes back.
 */
export const MAX_IN_FLIGHT = 2;

export type RegisterFilters = Omit<FindingRegisterQuery, 'offset' | 'limit'>;

interface State {
  total: number | null;
  years: number[];
  error: unknown;
}

/** The pages holding rows [first, last] of the table. */
interface View {
  first: number;
  last: number;
}

const inView = (view: View | null, page: number) => !view || (page >= view.first && page <= view.last);
const distance = (view: View | null, page: number) => (view ? Math.max(view.first - page, page - view.last, 0) : 0);

/** Beyond PAGES_KEPT, forgets the pages farthest from those in view. */
function forgetFarthest(pages: Map<number, unknown>, view: View | null, fetched: number): void {
  if (pages.size <= PAGES_KEPT) return;
  const near = view ?? { first: fetched, last: fetched };
  const far = [...pages.keys()].sort((a, b) => distance(near, b) - distance(near, a));
  for (const p of far.slice(0, pages.size - PAGES_KEPT)) pages.delete(p);
}

/**
 * The register's rows, fetched a page at a time as they scroll into view: SQLite filters and
 * counts, the table holds only the pages near where someone has looked. A new filter starts over, and
 * answers to an older filter are ignored.
 */
export function useFindingRegister(filters: RegisterFilters) {
  const [state, setState] = useState<State>({ total: null, years: [], error: null });
  const [, setLoadedPages] = useState(0);
  const pages = useRef(new Map<number, FindingSummary[]>());
  const inFlight = useRef(new Set<number>());
  /** Pages asked for while MAX_IN_FLIGHT calls were on their way. */
  const waiting = useRef(new Set<number>());
  /** The pages the table shows now (null before it has said). */
  const view = useRef<View | null>(null);
  const generation = useRef(0);
  const key = JSON.stringify(filters);
  // Records that arrived in a package or a sync: the register starts over, as for a new filter.
  const dataVersion = useDataVersion();

  // Fetching and the queue in one closure per filter: an answer pumps the queue of its own filter only.
  const { fetchPage, ask } = useMemo(() => {
    const fetchPage = async (page: number, gen: number) => {
      inFlight.current.add(page);
      try {
        const result = await api()['findings.register']({ ...(JSON.parse(key) as RegisterFilters), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        if (gen !== generation.current) return;
        pages.current.set(page, result.rows);
        forgetFarthest(pages.current, view.current, page);
        // the same years keep the same array, so what shows them need not draw again
        setState((s) => ({ total: result.total, years: result.years.length && result.years.join() !== s.years.join() ? result.years : s.years, error: null }));
        setLoadedPages((n) => n + 1);
      } catch (error) {
        if (gen === generation.current) setState((s) => ({ ...s, error }));
      } finally {
        if (gen === generation.current) {
          inFlight.current.delete(page);
          pump(gen);
        }
      }
    };
    /** Sends the waiting pages still in view, nearest first, while fewer than MAX_IN_FLIGHT calls are out. */
    const pump = (gen: number) => {
      for (const p of waiting.current) if (!inView(view.current, p) || pages.current.has(p)) waiting.current.delete(p);
      while (inFlight.current.size < MAX_IN_FLIGHT && waiting.current.size) {
        const next = [...waiting.current].sort((a, b) => distance(view.current, a) - distance(view.current, b))[0] as number;
        waiting.current.delete(next);
        void fetchPage(next, gen);
      }
    };
    const ask = (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      waiting.current.add(page);
      pump(generation.current);
    };
    return { fetchPage, ask };
  }, [key]);

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    waiting.current = new Set();
    setState((s) => ({ ...s, total: null, error: null }));
    // the first page brings the total, wherever the table is
    void fetchPage(0, generation.current);
  }, [fetchPage, dataVersion]);

  /** The row at `index`, or undefined while its page is on its way (asking for it if nobody has). */
  const rowAt = useCallback(
    (index: number): FindingSummary | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [],
  );
  /** A row the table draws: its page is asked for unless the table has moved on. */
  const request = useCallback((index: number) => ask(Math.floor(index / PAGE_SIZE)), [ask]);
  /** The rows [first, last] are in view now: their pages are asked for, pages waiting elsewhere are not. */
  const show = useCallback(
    (first: number, last: number) => {
      view.current = { first: Math.floor(first / PAGE_SIZE), last: Math.floor(last / PAGE_SIZE) };
      for (let p = view.current.first; p <= view.current.last; p++) ask(p);
    },
    [ask],
  );
  const refresh = useCallback(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    waiting.current = new Set();
    void fetchPage(0, generation.current);
  }, [fetchPage]);

  return { ...state, rowAt, request, show, refresh };
}
