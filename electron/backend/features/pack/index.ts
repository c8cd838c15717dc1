/**
 * What other features may use from the certification pack: the management review inputs (ISO 9001
 * 9.3.2) it gathers and prints, which the management review feature extends into signed minutes.
 */
export { reviewData, type ReviewData } from './review-data';
export { reviewPdf, type ReviewRecord } from './review-pdf';
export { packTexts } from './texts';
