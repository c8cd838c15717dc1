export { createSelfSignedIdentity, type CreateIdentityInput } from './identity-create';
export { inspectIdentity } from './identity-open';
export { addSignaturePlaceholder, DEFAULT_SIGNATURE_LENGTH } from './placeholder';
export { signPdf, type SignPdfOptions } from './sign-pdf';
export { verifyPdf, type VerifyPdfOptions } from './verify-pdf';
export { MIN_PASSPHRASE_LENGTH } from './passphrase';
export type { IdentityInfo, SignaturePlaceholderOptions, SignerSummary, VerificationProblem, VerificationResult } from './types';
