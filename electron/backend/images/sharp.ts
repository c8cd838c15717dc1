import type SharpModule from 'sharp';

type Sharp = typeof SharpModule;
let loaded: Promise<Sharp> | null = null;

/**
 * sharp (libvips) is loaded on first use: it is a native library, and most commands never touch
 * an image. Its operation cache is off because every input is a different untrusted file and the
 * cache would only hold on to their pixels.
 */
export function loadSharp(): Promise<Sharp> {
  loaded ??= import('sharp').then((m) => {
    const sharp = (m as unknown as { default?: Sharp }).default ?? (m as unknown as Sharp);
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}
