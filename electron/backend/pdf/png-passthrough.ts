/**
 * PNG photos embedded without decoding. A PDF can carry a PNG's compressed pixel data as it is
 * (FlateDecode with the PNG predictors), but pdfkit's PNG reader copies that data into a
 * JavaScript array one byte at a time: about 50 ms for a 300 kB photo, which made images most of
 * a report's generation time. This reads the chunks with slices instead. Only what needs no
 * decoding qualifies (no alpha channel or transparency, not interlaced) and anything else returns
 * null; the PNGs the PDF writer receives are made by images/report-image.ts, flattened, so all
 * qualify, and pdfkit's own PNG reader is never used.
 */

interface PdfRef {
  data: Record<string, unknown>;
  end(chunk?: Buffer): void;
}
interface PdfDoc {
  ref(data?: Record<string, unknown>): PdfRef;
}

export interface EmbeddableImage {
  width: number;
  height: number;
  label: string;
  obj: PdfRef | null;
  embed(doc: PdfDoc): void;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLORS: Record<number, number> = { 0: 1, 2: 3, 3: 1 };

export function passthroughPng(data: Buffer, label: string): EmbeddableImage | null {
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE)) return null;
  let pos = 8;
  let width = 0;
  let height = 0;
  let bits = 0;
  let colorType = -1;
  let palette: Buffer | null = null;
  const idat: Buffer[] = [];
  while (pos + 8 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (body.length !== length) return null;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bits = body[8] ?? 0;
      colorType = body[9] ?? -1;
      if (body[12] !== 0) return null; // interlaced: the pixels must be reordered
    } else if (type === 'PLTE') {
      palette = body;
    } else if (type === 'tRNS') {
      return null; // transparency needs a decoded mask
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + length;
  }
  const colors = COLORS[colorType];
  if (!colors || !width || !height || !idat.length || ![1, 2, 4, 8, 16].includes(bits)) return null;
  if (colorType === 3 && !palette) return null;
  if (colorType === 2 && bits < 8) return null;

  const image: EmbeddableImage = {
    width,
    height,
    label,
    obj: null,
    embed(doc) {
      if (image.obj) return;
      let colorSpace: unknown = colorType === 0 ? 'DeviceGray' : 'DeviceRGB';
      if (palette) {
        const table = doc.ref();
        table.end(Buffer.from(palette));
        colorSpace = ['Indexed', 'DeviceRGB', palette.length / 3 - 1, table];
      }
      const obj = doc.ref({
        Type: 'XObject',
        Subtype: 'Image',
        BitsPerComponent: bits,
        Width: width,
        Height: height,
        ColorSpace: colorSpace,
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: bits, Columns: width },
      });
      image.obj = obj;
      obj.end(idat.length === 1 ? (idat[0] as Buffer) : Buffer.concat(idat));
    },
  };
  return image;
}
