/** What the CLI uses from app (settings, the trail, demo data). Its calls are wired in `handlers.ts`. */
export { loadDemoData } from './demo';
export { DEMO_ORGANISATION } from './demo/org';
export { seedScale, SCALE_RARE_WORD } from './demo/scale';
