import { useEffect, useRef } from 'react';
import { Box } from '@mantine/core';
import { bytesOfBase64 } from '../../components/files';


/**
 * A PDF shown by the browser's own viewer from a blob: URL (the Content-Security-Policy allows
 * frames from blob: only), so nothing leaves the app and no PDF library is needed. The URL is made
 * and revoked with the frame, so a large report does not stay in memory after it is closed.
 */
export function PdfFrame({ base64, title, height = '78vh' }: { base64: string; title: string; height?: string | number }) {
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytesOfBase64(base64)], { type: 'application/pdf' }));
    // fit the page width and leave the thumbnail pane closed: the frame is narrower than a window
    if (frame.current) frame.current.src = `${url}#view=FitH&navpanes=0`;
    return () => URL.revokeObjectURL(url);
  }, [base64]);
  return (
    <Box
      component="iframe"
      ref={frame}
      title={title}
      style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', background: '#525659' }}
    />
  );
}
