import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Box, Text } from '@mantine/core';
import classes from './VirtualTable.module.css';

export interface Column<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. `2fr` or `120px`. */
  width?: string;
  render(row: T): ReactNode;
}

export interface VirtualTableProps<T> {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey(row: T): string;
  onOpen?(row: T): void;
  empty: ReactNode;
  rowHeight?: number;
  maxHeight?: number | string;
  rowClassName?(row: T): string | undefined;
  /** The range of row indexes about to be shown, as soon as the table is scrolled. */
  onRows?(first: number, last: number): void;
}

/**
 * Browsers cannot lay out a box taller than some tens of millions of pixels (Chromium stops at
 * about 33.5 million, Firefox near 18 million): a million rows of 46 px would end part way. Above
 * this height the scroll range stands for the whole list, scaled, so the scrollbar's end is the
 * last row.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;
// rows drawn beyond each edge: enough for a wheel step, few enough that a jump draws little
const OVERSCAN = 4;

/** Where the rows of a list of `count` rows of `rowHeight` are, for a box scrolled to `top`. */
function rowWindow(count: number, rowHeight: number, top: number, viewHeight: number) {
  const full = count * rowHeight;
  const height = Math.min(full, MAX_SCROLL_HEIGHT);
  const range = height - viewHeight;
  // where the view's top is in the full list (the same as the scroll position unless scaled)
  const offset = height < full && range > 0 ? (top * (full - viewHeight)) / range : top;
  const first = Math.max(0, Math.floor(offset / rowHeight) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((offset + viewHeight) / rowHeight) + OVERSCAN);
  return { height, offset, first, last };
}

/**
 * Which rows of equal height are in view, from the box's scroll position and height. Only those
 * rows (and a few either side) are rendered, so the cost of a jump does not grow with the list.
 * `onRows` hears of a new range as the box scrolls, before React renders it, so whoever fetches
 * the rows can ask at once.
 */
function useRowWindow(count: number, rowHeight: number, box: RefObject<HTMLDivElement | null>, onRows?: (first: number, last: number) => void) {
  // before the first measurement, a typical height so the first rows render at once
  const [view, setView] = useState({ top: 0, height: 800 });
  const hasRows = count > 0;
  const latest = useRef({ count, rowHeight, onRows });
  useLayoutEffect(() => {
    latest.current = { count, rowHeight, onRows };
  });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = () => {
      const { count: n, rowHeight: h, onRows: notify } = latest.current;
      if (notify) {
        const w = rowWindow(n, h, el.scrollTop, el.clientHeight);
        notify(w.first, w.last);
      }
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [box, hasRows]);
  const { height, offset, first, last } = rowWindow(count, rowHeight, view.top, view.height);
  const items: { index: number; top: number }[] = [];
  for (let i = first; i <= last; i++) items.push({ index: i, top: i * rowHeight - offset + view.top });
  return { height, items };
}

/**
 * The one table component: only visible rows are in the DOM, so a million findings scroll as
 * smoothly as ten units. ARIA table roles keep it readable by screen readers and findable by tests.
 */
export function VirtualTable<T>({ label, rows, columns, rowKey, onOpen, empty, rowHeight = 44, maxHeight = 'calc(100vh - 230px)', rowClassName, onRows }: VirtualTableProps<T>) {
  const parentRef = useRef<HTMLDivElement>(null);
  const { height, items } = useRowWindow(rows.length, rowHeight, parentRef, onRows);
  const template = columns.map((c) => c.width ?? '1fr').join(' ');

  return (
    <Box role="table" aria-label={label} aria-rowcount={rows.length + 1} className={classes.table}>
      <div role="rowgroup">
        <div role="row" className={classes.header} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div role="columnheader" key={c.key} className={classes.cell}>
              {c.header}
            </div>
          ))}
        </div>
      </div>
      {rows.length === 0 ? (
        <Text c="dimmed" p="lg" ta="center">
          {empty}
        </Text>
      ) : (
        <div ref={parentRef} role="rowgroup" className={classes.body} style={{ maxHeight }}>
          <div style={{ height, position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index] as T;
              return (
                <div
                  role="row"
                  aria-rowindex={item.index + 2}
                  key={rowKey(row)}
                  tabIndex={onOpen ? 0 : -1}
                  className={`${classes.row} ${onOpen ? classes.clickable : ''} ${rowClassName?.(row) ?? ''}`}
                  style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.top}px)` }}
                  onClick={onOpen ? () => onOpen(row) : undefined}
                  onKeyDown={onOpen ? (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onOpen(row)) : undefined}
                >
                  {columns.map((c) => {
                    const content = c.render(row);
                    // Plain text needs its own box for the ellipsis: a flex container cannot clip a text node.
                    const plain = typeof content === 'string' || typeof content === 'number';
                    return (
                      <div role="cell" key={c.key} className={classes.cell} title={plain ? String(content) : undefined}>
                        {plain ? <span className={classes.text}>{content}</span> : content}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </Box>
  );
}
