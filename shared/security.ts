/**
 * The Content-Security-Policy for every page Granska shows, in Electron and in browser mode alike.
 * Inline styles are allowed because the component library sets style attributes; scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const TOKEN_HEADER = 'x-granska-token';
export const API_PREFIX = '/api/';
/**
 * Attachment bytes as they are, not base64 in JSON: GET `${ATTACHMENT_FILES_PREFIX}<id>` streams a
 * file, POST `${ATTACHMENT_FILES_PREFIX}?ownerType=&ownerId=&fileName=` adds one. Same token as the API.
 */
export const ATTACHMENT_FILES_PREFIX = '/files/attachments/';

/** A token given by hand (`granska serve --token`) must be at least this long; the random one is 32. */
export const MIN_TOKEN_LENGTH = 16;
