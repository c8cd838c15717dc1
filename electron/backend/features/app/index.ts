/** What the CLI uses from app (settings, the trail, demo data). Its calls are wired in `handlers.ts`. */
export { loadDemo, loadDemoData } from './demo';
export { DEMO_SIGNER, DEMO_SIGNING_PASSPHRASE } from './demo/issued-reports';
export { DEMO_ORGANISATION } from './demo/org';
export { verifyTrail } from './trail';
export { planScaleAudits, seedScale, seedScaleCases, SCALE_RARE_WORD } from './demo/scale';
