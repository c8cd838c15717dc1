import type { Handlers } from '../../router';
import { identityForSigning } from '../reports';
import { buildPack, zipPack } from './build-pack';

export const packHandlers: Handlers<'pack.create'> = {
  'pack.create': async (i, b) => {
    const ctx = b.ctx();
    const signer = i.identityId ? { p12: await identityForSigning(ctx, i.identityId, i.passphrase ?? ''), passphrase: i.passphrase ?? '' } : null;
    const pack = await buildPack(ctx, { from: i.from, to: i.to, lang: i.lang, signer });
    return b.deliverFile(`${pack.name}.zip`, 'application/zip', await zipPack(pack));
  },
};
