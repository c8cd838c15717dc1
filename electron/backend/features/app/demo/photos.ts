import { encodePng, type Painter } from './png';

/**
 * Three "photos" an auditor might take, painted in code so the repository holds no image files:
 * a medicine cabinet, a notice board and a pressure gauge. Simple shapes with soft light, small
 * enough (a few kB each) to keep demo databases light.
 */

type Rgb = [number, number, number];
const W = 320;
const H = 240;

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x < x1 && y >= y0 && y < y1;

/** Soft light from the upper left, as from a window; keeps flat colours from looking drawn. */
function lit(paint: (x: number, y: number) => Rgb): Painter {
  return (x, y) => {
    const [r, g, b] = paint(x, y);
    const f = 1.08 - 0.22 * ((x / W) * 0.4 + (y / H) * 0.6);
    const c = (v: number) => Math.max(0, Math.min(255, Math.round(v * f)));
    return [c(r), c(g), c(b)];
  };
}

const BOX_COLOURS: Rgb[] = [[214, 64, 52], [245, 245, 240], [63, 117, 186], [242, 196, 65], [95, 160, 104], [232, 232, 225]];

const medicineCabinet = lit((x, y) => {
  if (!inRect(x, y, 50, 14, 270, 232)) return [222, 214, 196];
  if (!inRect(x, y, 58, 22, 262, 224)) return [188, 188, 182];
  for (const shelf of [82, 142, 200]) if (y >= shelf && y < shelf + 4) return [150, 150, 146];
  const rowTop = y < 82 ? 22 : y < 142 ? 86 : y < 200 ? 146 : 204;
  const slot = Math.floor((x - 62) / 24);
  const boxTop = rowTop + 12 + ((slot * 7) % 3) * 6;
  if (y >= boxTop && (x - 62) % 24 < 19 && x < 256) {
    const colour = BOX_COLOURS[(slot + rowTop) % BOX_COLOURS.length] as Rgb;
    // A white label on each box.
    if (y > boxTop + 8 && y < boxTop + 16 && (x - 62) % 24 > 3 && (x - 62) % 24 < 15) return [250, 250, 250];
    return colour;
  }
  return [238, 238, 232];
});

const NOTES: [number, number, number, number][] = [[30, 30, 130, 120], [150, 24, 290, 100], [44, 140, 150, 220], [176, 118, 296, 214]];

const noticeBoard = lit((x, y) => {
  if (!inRect(x, y, 12, 10, 308, 230)) return [120, 88, 60];
  for (const [x0, y0, x1, y1] of NOTES) {
    if (inRect(x, y, x0, y0, x1, y1)) {
      const pinX = (x0 + x1) / 2;
      if ((x - pinX) ** 2 + (y - y0 - 6) ** 2 < 16) return [200, 40, 40];
      const line = (y - y0 - 18) % 10;
      if (y > y0 + 16 && line >= 0 && line < 3 && x > x0 + 8 && x < x1 - 8 - ((y * 7) % 30)) return [120, 120, 128];
      return [250, 250, 246];
    }
  }
  // Cork: a faint regular grain that still compresses well.
  const grain = ((x * 13 + y * 7) % 11) - 5;
  return [186 + grain, 140 + grain, 88 + grain];
});

const gauge = lit((x, y) => {
  const cx = 160;
  const cy = 104;
  const d = Math.hypot(x - cx, y - cy);
  if (d < 84) {
    if (d >= 76) return [40, 40, 44];
    if (d < 7) return [30, 30, 30];
    const angle = Math.atan2(y - cy, x - cx);
    // Needle pointing to about two thirds of the scale.
    const needle = -0.35;
    const offset = Math.abs(Math.sin(angle - needle)) * d;
    if (offset < 2.2 && Math.cos(angle - needle) > 0 && d < 66) return [210, 30, 30];
    // Ticks every 15 degrees on the upper three quarters.
    const deg = ((angle * 180) / Math.PI + 360) % 360;
    if (d > 62 && d < 72 && deg % 15 < 1.6 && !(deg > 45 && deg < 135)) return [30, 30, 30];
    if (d > 52 && d < 60 && deg > 300 && deg < 345) return [214, 64, 52];
    return [247, 247, 242];
  }
  if (inRect(x, y, 0, 196, W, 226)) return [150, 156, 160];
  if (inRect(x, y, 148, 186, 172, 200)) return [170, 150, 80];
  return [198, 204, 206];
});

export const DEMO_PHOTOS = {
  medicineCabinet: () => encodePng(W, H, medicineCabinet),
  noticeBoard: () => encodePng(W, H, noticeBoard),
  gauge: () => encodePng(W, H, gauge),
};
