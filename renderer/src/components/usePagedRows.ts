import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/**
 * Rows a call asks for. A screenful is 10 to 30 rows: a jump needs one or two pages, and a page of
 * 50 is a quarter of the bytes to send, parse and wait for that 200 were (30 → 12 ms over HTTP at
 * a million findings).
 */
export const PAGE_SIZE = 50;
/** Pages kept at most (6,000 rows): scrolling through a million rows must not keep them all. */
export const PAGES_KEPT = 120;
/**
 * Calls on their way at once. A scroll that passes through the list (End, Home, a drag) shows a
 * new place every frame; asking for each one queued a dozen pages nobody would see ahead of the one
 * where the scrolling stopped. Beyond this, a page waits, and is asked for only if it is still in
 * view when a call comes back.
 */
export const MAX_IN_FLIGHT = 2;

export interface PagedAnswer<T> {
  total: number;
  rows: T[];
}

/** The pages holding the rows in view (null before the table has said). */
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
 * A long list read a page at a time, at any position (`load(offset, limit)`), as it scrolls into
 * view: the table holds only the pages near where someone has looked. A new `key` (a filter, data
 * that changed) starts over, and answers for an older one are ignored. `onAnswer` hears every
 * answer of the current key (for what comes with a page besides its rows).
 */
export function usePagedRows<T, A extends PagedAnswer<T>>(key: string, load: (offset: number, limit: number) => Promise<A>, onAnswer?: (answer: A) => void) {
  const [state, setState] = useState<{ total: number | null; error: unknown }>({ total: null, error: null });
  const [, setLoadedPages] = useState(0);
  const pages = useRef(new Map<number, T[]>());
  const inFlight = useRef(new Set<number>());
  /** Pages asked for while MAX_IN_FLIGHT calls were on their way. */
  const waiting = useRef(new Set<number>());
  const view = useRef<View | null>(null);
  const generation = useRef(0);
  const latest = useRef({ load, onAnswer });
  useLayoutEffect(() => {
    latest.current = { load, onAnswer };
  });

  // Fetching and the queue in one closure per key: an answer pumps the queue of its own key only.
  const { fetchPage, ask } = useMemo(() => {
    const fetchPage = async (page: number, gen: number) => {
      inFlight.current.add(page);
      try {
        const answer = await latest.current.load(page * PAGE_SIZE, PAGE_SIZE);
        if (gen !== generation.current) return;
        pages.current.set(page, answer.rows);
        forgetFarthest(pages.current, view.current, page);
        latest.current.onAnswer?.(answer);
        setState((s) => (s.total === answer.total && s.error === null ? s : { total: answer.total, error: null }));
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
    // a new key is a new list; `load` is read from `latest` when a page is fetched
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const startOver = useCallback(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    waiting.current = new Set();
    // the first page brings the total, wherever the table is
    void fetchPage(0, generation.current);
  }, [fetchPage]);

  useEffect(() => {
    setState((s) => ({ ...s, total: null, error: null }));
    startOver();
  }, [startOver]);

  /** The row at `index`, or undefined while its page is on its way. */
  const rowAt = useCallback((index: number): T | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);
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

  return { ...state, rowAt, request, show, refresh: startOver };
}
