import { describe, expect, it } from 'vitest';
import { cleanFileNameBase, downloadName, safeFileName } from '../../../shared/domain/file-names';

describe('names of files that leave Granska', () => {
  it.each(['bat', 'hta', 'url', 'scf', 'iqy', 'slk', 'xhtml', 'exe', 'cmd', 'lnk'])('a photo named *.%s is saved as .png', (ext) => {
    expect(safeFileName(`foto.${ext}`, 'png')).toBe('foto.png');
    expect(downloadName(`Foto från besöket.${ext.toUpperCase()}`, 'image/png')).toBe('Foto från besöket.png');
  });

  it('drops a right-to-left override, so what a person reads is what the file is', () => {
    // Shown by a bidi-aware viewer as "invoice_tab.png"; on disk it would end in .png... or .bat.
    const name = 'invoice_\u202Egnp.bat';
    expect(safeFileName(name, 'png')).toBe('invoice_gnp.png');
    for (const mark of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\uFEFF']) {
      expect(safeFileName(`a${mark}b.pdf`, 'pdf')).toBe('ab.pdf');
    }
  });

  it('removes a NUL and other controls instead of letting them join or cut the name', () => {
    expect(safeFileName('photo.png\0.exe', 'png')).toBe('photo.png');
    expect(safeFileName('photo.png\0.exe', 'jpg')).toBe('photo.png.jpg');
    expect(safeFileName('a\u0007b\u009bc\r\n.txt', 'txt')).toBe('abc.txt');
  });

  it('keeps only the last path segment and replaces characters Windows refuses', () => {
    expect(safeFileName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\x\\rapport IR-2027-004.pdf', 'pdf')).toBe('rapport IR-2027-004.pdf');
    expect(safeFileName('a:b*c?"<>|.pdf', 'pdf')).toBe('a_b_c_____.pdf');
  });

  it('never leaves a trailing dot or space that Windows would drop to expose an inner extension', () => {
    expect(safeFileName('x.bat. . ', 'txt')).toBe('x.txt');
    expect(cleanFileNameBase('x.bat. . ')).toBe('x.bat');
  });

  it('gives Windows device names and empty names a harmless base', () => {
    expect(safeFileName('CON.png', 'png')).toBe('_CON.png');
    expect(safeFileName('nul', 'txt')).toBe('_nul.txt');
    expect(safeFileName('', 'pdf', 'bilaga')).toBe('bilaga.pdf');
    expect(safeFileName('..', 'pdf')).toBe('file.pdf');
    expect(safeFileName('\u202E', 'pdf')).toBe('file.pdf');
  });

  it('uses bin for a type it does not know, which no viewer acts on', () => {
    expect(downloadName('x.hta', 'application/hta')).toBe('x.bin');
  });

  it('keeps long names short and a dotted name whole', () => {
    expect(safeFileName('x'.repeat(500), 'pdf').length).toBe(124);
    expect(safeFileName('Rapport 2026.03.01.pdf', 'pdf')).toBe('Rapport 2026.03.01.pdf');
  });
});
