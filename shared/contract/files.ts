/**
 * A file the backend produced for the person (an export, a report). The renderer cannot touch the
 * file system: in the desktop app the main process saves it through a native dialog (`savedTo`,
 * or `cancelled`); in browser mode the bytes come back (`base64`) and the renderer offers a download.
 */
export interface DeliveredFile {
  fileName: string;
  mime: string;
  base64: string | null;
  savedTo: string | null;
  cancelled: boolean;
}
