import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/src/api/client';
import { uploadError } from '../../../renderer/src/features/conduct/AttachmentsPanel';
import type { ErrorPayload } from '../../../shared/errors';
import { initI18n, changeLanguage } from '../../../renderer/src/i18n';

/** What an auditor reads when the backend refuses an image (the payloads are the backend's own). */
describe('an image refused at upload', () => {
  const refused = (payload: ErrorPayload) => new ApiError(payload);
  const refusals = {
    damaged: refused({ code: 'file_unreadable', params: { reason: 'image' } }),
    pixels: refused({ code: 'file_too_large', params: { reason: 'pixels', width: 8000, height: 8000, megapixels: 64, limit: 40 } }),
    heic: refused({ code: 'file_type_refused', params: { type: 'heic', reason: 'image_format' } }),
  };

  it('is told why, naming the file, in Swedish and English', async () => {
    const i18n = await initI18n('sv');
    const sv = (err: unknown, name: string) => uploadError(i18n.t, err, name);
    expect(sv(refusals.damaged, 'trasig.png')).toBe('trasig.png är skadad eller ingen läsbar bild. Inget sparades.');
    expect(sv(refusals.pixels, 'jätte.png')).toMatch(/^jätte\.png är 8000 × 8000 bildpunkter \(64 megapixlar\); högst 40 megapixlar/);
    expect(sv(refusals.heic, 'IMG_0001.heic')).toMatch(/^IMG_0001\.heic är en HEIC-bild.*Spara den som JPEG/);
    await changeLanguage('en');
    const en = (err: unknown, name: string) => uploadError(i18n.t, err, name);
    expect(en(refusals.damaged, 'broken.png')).toBe('broken.png is damaged or not a readable image. Nothing was saved.');
    expect(en(refusals.pixels, 'huge.png')).toMatch(/^huge\.png is 8000 × 8000 pixels \(64 megapixels\); the largest allowed is 40 megapixels/);
    expect(en(refusals.heic, 'IMG_0001.heic')).toMatch(/^IMG_0001\.heic is a HEIC image.*Save it as JPEG/);
    // other refusals keep their own wording
    expect(en(refused({ code: 'file_too_large', params: { limit: 1024 } }), 'big.txt')).toMatch(/^big\.txt is too large/);
  });
});
