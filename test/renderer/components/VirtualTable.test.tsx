import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, VirtualTable } from '../../../renderer/src/components/VirtualTable';
import { renderUi } from '../render';

const MILLION = Array.from({ length: 1_000_000 }, (_, i) => i);

function table(onRows?: (first: number, last: number) => void) {
  return (
    <VirtualTable
      label="Findings"
      rows={MILLION}
      columns={[{ key: 'n', header: 'Number', render: (i: number) => `F-${i + 1}` }]}
      rowKey={(i) => String(i)}
      empty="none"
      rowHeight={46}
      onRows={onRows}
    />
  );
}

/** The rows the table has put in the document, by their number. */
const shown = () => within(screen.getByRole('table', { name: 'Findings' })).getAllByRole('cell').map((c) => c.textContent);

/** Scrolls the rows' box as dragging its scrollbar does (jsdom lays nothing out, so the position is set). */
function scrollTo(box: HTMLElement, top: number) {
  Object.defineProperty(box, 'scrollTop', { configurable: true, get: () => top });
  act(() => {
    fireEvent.scroll(box);
  });
}

describe('the virtualised table at a million rows', () => {
  it('puts only a screenful in the document, and its scrollbar reaches the last row although no browser lays out 46 million pixels', async () => {
    const ranges: [number, number][] = [];
    await renderUi(table((first, last) => ranges.push([first, last])));
    expect(shown()[0]).toBe('F-1');
    expect(shown().length).toBeLessThan(40);

    const box = screen.getAllByRole('rowgroup')[1] as HTMLElement;
    const inner = box.firstElementChild as HTMLElement;
    const height = parseFloat(inner.style.height);
    expect(height).toBeLessThanOrEqual(MAX_SCROLL_HEIGHT);

    // the end of the scrollbar (the box is 800 px high in these tests) is the last finding
    scrollTo(box, height - 800);
    expect(shown()).toContain('F-1000000');
    expect(ranges.at(-1)?.[1]).toBe(999_999);

    // half way down is the middle of the list, not of what fits in the box
    scrollTo(box, (height - 800) / 2);
    const middle = shown().map((s) => Number(s?.slice(2)));
    expect(Math.min(...middle)).toBeLessThan(500_000);
    expect(Math.max(...middle)).toBeGreaterThan(500_000);
    expect(shown().length).toBeLessThan(40);
  });
});
