import type { Handlers } from '../../router';
import { identityP12 } from '../../services/reports/identities';
import { buildPack, zipPack } from './build-pack';

export const packHandlers: Handlers<'pack.create'> = {
  'pack.create': async (i, b) => {
    const ctx = b.ctx();
    const signer = i.identityId ? { p12: identityP12(ctx, i.identityId), passphrase: i.passphrase ?? '' } : null;
    const pack = await buildPack(ctx, { from: i.from, to: i.to, lang: i.lang, signer });
    return b.deliverFile(`${pack.name}.zip`, 'application/zip', await zipPack(pack));
  },
};
