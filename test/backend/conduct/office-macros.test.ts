import { describe, expect, it } from 'vitest';
import type { Attachment, ChecklistEntry } from '../../../shared/domain/findings';
import { CompoundFile } from '../../../electron/backend/features/conduct/compound-file';
import { caller, rejection, testBackend } from '../../helpers/tmp';
import { buildCompoundFile } from './compound-writer';
import { conductFixture } from './fixture';
import { docx, xlsx, zip } from './files';
import { plainDoc, plainXls, vbaProjectStream, withParts, xls, xlmMacroXls, xlsxWithMacroSheet } from './office-files';

const b64 = (b: Buffer) => b.toString('base64');

describe('the compound-file reader', () => {
  it('reads the streams of a file it did not write itself the way Office lays them out', () => {
    const cf = new CompoundFile(buildCompoundFile({ WordDocument: Buffer.alloc(5000, 7), Sub: { tiny: Buffer.from('hej') } }));
    expect(cf.entries.map((e) => e.path.join('/')).sort()).toEqual(['Sub', 'Sub/tiny', 'WordDocument']);
    expect(cf.read(['WordDocument'])?.equals(Buffer.alloc(5000, 7))).toBe(true); // regular sectors
    expect(cf.read(['sub', 'TINY'])?.toString()).toBe('hej'); // mini stream, names case-blind
  });

  it('gives up on a sector chain that loops instead of looping', () => {
    const file = buildCompoundFile({ WordDocument: Buffer.alloc(5000, 7) });
    // The FAT is sector 0 (bytes 512..1023); the stream's chain starts after the directory. Point its second sector back to its first.
    const cf = new CompoundFile(file);
    const fat = file.subarray(512, 1024);
    let start = -1;
    for (let i = 0; i < 128; i++) if (fat.readUInt32LE(i * 4) === i + 1 && start < 0 && i > 1) start = i;
    fat.writeUInt32LE(start, (start + 1) * 4);
    expect(() => new CompoundFile(file).read(['WordDocument'])).toThrow(/chain/);
    expect(cf.entries.length).toBe(1);
  });
});

describe('attachments with code in them are refused by what they contain', () => {
  const backend = testBackend();
  const call = caller(backend);
  let owner: { ownerType: string; ownerId: string };
  const add = async (fileName: string, data: Buffer) => {
    if (!owner) {
      const { items } = await conductFixture(backend);
      owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    }
    return call<Attachment>('attachments.add', { ...owner, fileName, contentBase64: b64(data) });
  };
  const refusedAs = async (fileName: string, data: Buffer) => {
    const err = await rejection(add(fileName, data));
    expect(err.code, fileName).toBe('file_type_refused');
    return err.params.type;
  };

  it('accepts Office files without code', async () => {
    expect((await add('stickprov.xls', plainXls())).mime).toBe('application/vnd.ms-excel');
    expect((await add('rutin.doc', plainDoc())).mime).toBe('application/msword');
    expect((await add('stickprov.xlsx', await xlsx())).mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await add('rutin.docx', docx())).kind).toBe('office');
  });

  it('refuses an .xls with a very hidden Excel 4.0 macro sheet and Auto_Open', async () => {
    expect(await refusedAs('stickprov.xls', xlmMacroXls())).toBe('macro');
  });

  it('refuses an .xls whose sheet list says worksheet but whose sheet header says macro sheet', async () => {
    const lying = xls([{ name: 'Blad1', listedAs: 0, bofType: 0x10 }, { name: 'Blad2', listedAs: 0, bofType: 0x40 }]);
    expect(await refusedAs('data.xls', lying)).toBe('macro');
  });

  it('refuses an .xls whose sheet list names a macro sheet, and one with only an Auto_Open name', async () => {
    expect(await refusedAs('a.xls', xls([{ name: 'M', listedAs: 1, bofType: 0x10 }]))).toBe('macro');
    expect(await refusedAs('b.xls', xls([{ name: 'Blad1', listedAs: 0, bofType: 0x10 }], { autoOpen: true }))).toBe('macro');
  });

  it('refuses a VBA project stored under an innocent storage name, found by its header', async () => {
    const doc = buildCompoundFile({ WordDocument: Buffer.alloc(4096, 0x20), '1Table': Buffer.alloc(512), Bilder: { data: vbaProjectStream() } });
    expect(await refusedAs('rutin.doc', doc)).toBe('macro');
    const named = buildCompoundFile({ WordDocument: Buffer.alloc(4096, 0x20), Macros: { VBA: { dir: Buffer.from([1, 2, 3]) } } });
    expect(await refusedAs('rutin.doc', named)).toBe('macro');
  });

  it('refuses a password-protected .xls, whose sheet kinds cannot be read', async () => {
    expect(await refusedAs('hemlig.xls', xls([{ name: 'Blad1', listedAs: 0, bofType: 0x10 }], { encrypted: true }))).toBe('encrypted');
  });

  it('refuses an .xlsx with an XLM macro sheet, also when the part hides under a worksheet name', async () => {
    expect(await refusedAs('stickprov.xlsx', await xlsxWithMacroSheet())).toBe('macro');
    expect(await refusedAs('stickprov.xlsx', await xlsxWithMacroSheet('xl/worksheets/sheet9.xml'))).toBe('macro');
  });

  it('refuses an .xlsx or .docx holding a VBA project, and a .docx embedding an .xls with macros', async () => {
    expect(await refusedAs('a.xlsx', withParts(await xlsx(), { 'xl/vbaProject.bin': buildCompoundFile({ VBA: { dir: Buffer.from([1]) } }) }))).toBe('macro');
    expect(await refusedAs('b.docx', withParts(docx(), { 'word/embeddings/oleObject1.bin': xlmMacroXls() }))).toBe('macro');
  });

  it('refuses an OpenDocument spreadsheet with a Basic library', async () => {
    const ods = zip({
      mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
      'content.xml': '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      'Basic/Standard/Module1.xml': '<script:module script:name="Module1">Sub Main\nShell "calc"\nEnd Sub</script:module>',
      'META-INF/manifest.xml': '<manifest:manifest/>',
    });
    expect(await refusedAs('lista.ods', ods)).toBe('macro');
  });
});
