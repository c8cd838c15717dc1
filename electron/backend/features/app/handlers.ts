import type { Handlers } from '../../router';
import { listTrail, verifyTrail } from './trail';
import { loadDemo } from './demo';

type AppCall =
  | 'app.info'
  | 'app.updateSettings'
  | 'app.chooseDatabase'
  | 'app.loadDemo'
  | 'app.unlock'
  | 'app.encryptDatabase'
  | 'app.decryptDatabase'
  | 'trail.list'
  | 'trail.verify';

export const appHandlers: Handlers<AppCall> = {
  'app.info': (_i, b) => b.info(),
  'app.updateSettings': (i, b) => b.updateSettings(i),
  'app.chooseDatabase': (i, b) => b.chooseDatabase(i.mode),
  'app.loadDemo': async (_i, b) => {
    await loadDemo(b.ctx());
    return b.info();
  },
  'app.unlock': (i, b) => {
    b.unlock(i.passphrase);
    return b.info();
  },
  'app.encryptDatabase': (i, b) => {
    b.encryptDatabase(i.passphrase, i.current ?? null);
    return b.info();
  },
  'app.decryptDatabase': (i, b) => {
    b.decryptDatabase(i.current);
    return b.info();
  },
  'trail.list': (i, b) => listTrail(b.ctx(), i),
  'trail.verify': (_i, b) => verifyTrail(b.ctx()),
};
