// Entry of the Electron main process (bundled to dist/main/main.cjs). All wiring is in run.ts so
// tests can start it with a fake Electron and a fake backend.
import { runGranska } from './run';

runGranska().catch((err: unknown) => {
  console.error('Granska could not start:', err);
  process.exit(1);
});
