/**
 * How large an image Granska will open. 40 megapixels is more than any phone or office camera
 * takes (a 200 MP phone mode writes a 12 MP file by default) but caps what one decode may cost:
 * a 243 kB PNG can declare 8000 × 8000 pixels and need over a gigabyte once decoded.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_MEGAPIXELS = MAX_IMAGE_PIXELS / 1_000_000;

/** A photo in a report: sharp on screen and in print at the size a report shows it, and light. */
export const REPORT_LONGEST_SIDE = 1600;
export const REPORT_JPEG_QUALITY = 85;

/**
 * What a report's photos may weigh together. Fifty detailed phone photos at 1600 px come to
 * 15–25 MB; past this budget every photo is made smaller alike, but never below
 * REPORT_MIN_SIDE, which still prints a photo cell (about 150 pt wide) at over 300 dpi.
 */
export const REPORT_PHOTO_BUDGET = 8 * 1024 * 1024;
export const REPORT_MIN_SIDE = 720;

/** A logo is printed at most 160 × 46 pt; 1000 px is well above 300 dpi for that. */
export const LOGO_LONGEST_SIDE = 1000;

/** The stored copy stays at full resolution for the team; re-encoded close to what cameras write. */
export const STORED_JPEG_QUALITY = 92;

/**
 * Up to this size a stored JPEG gets optimised Huffman tables (10–20 % smaller). Above it the file
 * is coded in one pass: optimising keeps every coefficient of the photo in memory until the end,
 * about 6 bytes a pixel — measured +91 MB against +44 MB for an 8 MP photo, and +261 MB against
 * +23 MB at the 40 MP limit — while one pass streams strip by strip.
 */
export const OPTIMISED_JPEG_MAX_PIXELS = 4_000_000;
