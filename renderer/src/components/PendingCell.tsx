import { useLayoutEffect } from 'react';
import classes from './VirtualTable.module.css';

/**
 * The first cell of a row whose page is on its way. It asks for that page once it is drawn, before
 * the browser paints (a layout effect), so the request does not wait for a frame. A plain element:
 * a jump draws a screenful of these at once, and they are gone a few milliseconds later.
 */
export function PendingCell({ index, request, label }: { index: number; request(index: number): void; label: string }) {
  useLayoutEffect(() => request(index), [index, request]);
  return <span className={classes.pending} aria-label={label} />;
}
