import type { Handlers } from '../../router';
import { listTrail, verifyTrail } from './trail';
import { loadDemo } from './demo';

type AppCall = 'app.info' | 'app.updateSettings' | 'app.chooseDatabase' | 'app.loadDemo' | 'trail.list' | 'trail.verify';

export const appHandlers: Handlers<AppCall> = {
  'app.info': (_i, b) => b.info(),
  'app.updateSettings': (i, b) => b.updateSettings(i),
  'app.chooseDatabase': (i, b) => b.chooseDatabase(i.mode),
  'app.loadDemo': async (_i, b) => {
    await loadDemo(b.ctx());
    return b.info();
  },
  'trail.list': (i, b) => listTrail(b.ctx(), i),
  'trail.verify': (_i, b) => verifyTrail(b.ctx()),
};
