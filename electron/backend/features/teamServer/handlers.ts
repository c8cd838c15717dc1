import type { Handlers } from '../../router';
import { teamServerSignIn, teamServerSignOut, teamServerStatus, teamServerSynchronise } from './service';

type TeamServerCall = 'teamServer.status' | 'teamServer.signIn' | 'teamServer.signOut' | 'teamServer.synchronise';

export const teamServerHandlers: Handlers<TeamServerCall> = {
  'teamServer.status': (_i, b) => teamServerStatus(b.ctx()),
  'teamServer.signIn': (i, b) => teamServerSignIn(b.ctx(), i),
  'teamServer.signOut': (_i, b) => teamServerSignOut(b.ctx()),
  'teamServer.synchronise': (_i, b) => teamServerSynchronise(b.ctx()),
};
