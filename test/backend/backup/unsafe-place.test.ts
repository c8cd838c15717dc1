import { describe, expect, it } from 'vitest';
import { classifyPlace, mountOf, parseMacMount, parseProcMounts, type PlaceFacts } from '../../../electron/backend/features/backup/unsafe-place';

const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
//filserver.sjovik.se/kvalitet /mnt/kvalitet cifs rw,relatime,vers=3.1.1 0 0
nas:/export/revision /srv/revision nfs4 rw,relatime,vers=4.2 0 0
karin@laptop2:/home/karin /home/karin/remote fuse.sshfs rw,nosuid,nodev 0 0
https://moln.sjovik.se/remote.php/dav /home/karin/moln davfs rw,nosuid,nodev 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev 0 0
/dev/sdb1 /media/karin/USB\\040STICK vfat rw,nosuid,nodev 0 0
//server/share /mnt/kvalitet/lokal ext4 rw 0 0
`;

const MAC_MOUNT = `/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//karin@filserver._smb._tcp.local/Kvalitet on /Volumes/Kvalitet (smbfs, nodev, nosuid, mounted by karin)
filserver:/export/rev on /Volumes/rev (nfs, nodev, nosuid, mounted by karin)
https://moln.sjovik.se/dav on /Volumes/moln (webdav, nodev, noexec, nosuid, mounted by karin)
/dev/disk4s1 on /Volumes/USB (msdos, local, nodev, nosuid, noowners, mounted by karin)
`;

const linux = (file: string, extra: Partial<PlaceFacts> = {}): PlaceFacts => ({ file, platform: 'linux', mounts: parseProcMounts(PROC_MOUNTS), ...extra });
const mac = (file: string, extra: Partial<PlaceFacts> = {}): PlaceFacts => ({ file, platform: 'darwin', mounts: parseMacMount(MAC_MOUNT), ...extra });
const win = (file: string, extra: Partial<PlaceFacts> = {}): PlaceFacts => ({ file, platform: 'win32', mounts: [], ...extra });

describe('where a database is unsafe for SQLite', () => {
  const cases: [name: string, facts: PlaceFacts, expected: { kind: string; service: string; root: string | null } | null][] = [
    // Linux network file systems, from /proc/mounts
    ['a local disk', linux('/home/karin/granska.sqlite'), null],
    ['a USB stick (vfat, name with a space)', linux('/media/karin/USB STICK/granska.sqlite'), null],
    ['an SMB/CIFS share', linux('/mnt/kvalitet/granska.sqlite'), { kind: 'network', service: 'smb', root: '/mnt/kvalitet' }],
    ['a local disk mounted inside a share', linux('/mnt/kvalitet/lokal/granska.sqlite'), null],
    ['an NFS export', linux('/srv/revision/2027/granska.sqlite'), { kind: 'network', service: 'nfs', root: '/srv/revision' }],
    ['sshfs', linux('/home/karin/remote/granska.sqlite'), { kind: 'network', service: 'sshfs', root: '/home/karin/remote' }],
    ['WebDAV (davfs2)', linux('/home/karin/moln/granska.sqlite'), { kind: 'network', service: 'webdav', root: '/home/karin/moln' }],
    ['a GNOME Files share (gvfs)', linux('/run/user/1000/gvfs/smb-share:server=fil,share=k/granska.sqlite'), { kind: 'network', service: 'network', root: '/run/user/1000/gvfs' }],
    ['a folder merely named like a mount point', linux('/mnt/kvalitetsarkiv/granska.sqlite'), null],
    ['a fuse mount whose source is user@host:', linux('/x/g.sqlite', { mounts: [{ source: 'karin@host:/d', mountPoint: '/x', fsType: 'fuse' }] }), { kind: 'network', service: 'sshfs', root: '/x' }],
    ['a local fuse file system (ntfs-3g)', linux('/x/g.sqlite', { mounts: [{ source: '/dev/sda1', mountPoint: '/x', fsType: 'fuseblk' }] }), null],
    ['no mount table, statfs says CIFS', linux('/a/g.sqlite', { mounts: [], statfsType: 0xff534d42 }), { kind: 'network', service: 'smb', root: null }],
    ['no mount table, statfs says NFS', linux('/a/g.sqlite', { mounts: [], statfsType: 0x6969 }), { kind: 'network', service: 'nfs', root: null }],
    ['no mount table, statfs says ext4', linux('/a/g.sqlite', { mounts: [], statfsType: 0xef53 }), null],
    // macOS
    ['macOS local disk', mac('/Users/karin/Documents/granska.sqlite'), null],
    ['macOS SMB volume', mac('/Volumes/Kvalitet/granska.sqlite'), { kind: 'network', service: 'smb', root: '/Volumes/Kvalitet' }],
    ['macOS NFS volume', mac('/Volumes/rev/granska.sqlite'), { kind: 'network', service: 'nfs', root: '/Volumes/rev' }],
    ['macOS WebDAV volume', mac('/Volumes/moln/granska.sqlite'), { kind: 'network', service: 'webdav', root: '/Volumes/moln' }],
    ['macOS USB stick', mac('/Volumes/USB/granska.sqlite'), null],
    ['macOS iCloud Drive', mac('/Users/karin/Library/Mobile Documents/com~apple~CloudDocs/granska.sqlite'), { kind: 'synced', service: 'icloud', root: '/Users/karin/Library/Mobile Documents/com~apple~CloudDocs' }],
    ['macOS OneDrive (File Provider)', mac('/Users/karin/Library/CloudStorage/OneDrive-Sjövikskommun/Revision/g.sqlite'), { kind: 'synced', service: 'onedrive', root: '/Users/karin/Library/CloudStorage/OneDrive-Sjövikskommun' }],
    ['macOS Google Drive (File Provider)', mac('/Users/karin/Library/CloudStorage/GoogleDrive-karin@sjovik.se/My Drive/g.sqlite'), { kind: 'synced', service: 'google-drive', root: '/Users/karin/Library/CloudStorage/GoogleDrive-karin@sjovik.se' }],
    // Windows
    ['Windows local drive', win('C:\\Users\\karin\\Documents\\granska.sqlite'), null],
    ['Windows UNC path', win('\\\\filserver\\kvalitet\\granska.sqlite'), { kind: 'network', service: 'network-drive', root: '\\\\filserver\\kvalitet' }],
    ['Windows mapped drive, resolved to UNC', win('\\\\?\\UNC\\filserver\\kvalitet\\rev\\granska.sqlite'), { kind: 'network', service: 'network-drive', root: '\\\\filserver\\kvalitet' }],
    ['Windows long local path (\\\\?\\C:)', win('\\\\?\\C:\\Users\\karin\\granska.sqlite'), null],
    ['Windows OneDrive from the environment', win('C:\\Users\\karin\\OneDrive - Sjöviks kommun\\g.sqlite', { syncRoots: [{ service: 'onedrive', root: 'C:\\Users\\karin\\OneDrive - Sjöviks kommun' }] }), { kind: 'synced', service: 'onedrive', root: 'C:\\Users\\karin\\OneDrive - Sjöviks kommun' }],
    ['Windows OneDrive, other case in the path', win('c:\\users\\KARIN\\onedrive\\g.sqlite', { syncRoots: [{ service: 'onedrive', root: 'C:\\Users\\karin\\OneDrive' }] }), { kind: 'synced', service: 'onedrive', root: 'C:\\Users\\karin\\OneDrive' }],
    ['Windows Dropbox folder', win('C:\\Users\\karin\\Dropbox\\Revision\\g.sqlite'), { kind: 'synced', service: 'dropbox', root: 'C:\\Users\\karin\\Dropbox' }],
    ['Windows Google Drive letter folder', win('G:\\Min enhet\\g.sqlite'), { kind: 'synced', service: 'google-drive', root: 'G:\\Min enhet' }],
    ['Windows iCloud Drive', win('C:\\Users\\karin\\iCloudDrive\\g.sqlite'), { kind: 'synced', service: 'icloud', root: 'C:\\Users\\karin\\iCloudDrive' }],
    // Synced folders by name and by marker file
    ['Dropbox for a company', linux('/home/karin/Dropbox (Sjövik)/g.sqlite'), { kind: 'synced', service: 'dropbox', root: '/home/karin/Dropbox (Sjövik)' }],
    ['Nextcloud folder', linux('/home/karin/Nextcloud/Revision/g.sqlite'), { kind: 'synced', service: 'nextcloud', root: '/home/karin/Nextcloud' }],
    ['a file merely named Dropbox', linux('/home/karin/Dropbox.sqlite'), null],
    ['a folder whose name only contains Dropbox', linux('/home/karin/DropboxExport/g.sqlite'), null],
    ['Syncthing (.stfolder marker)', linux('/home/karin/Sync/rev/g.sqlite', { markers: [{ dir: '/home/karin/Sync', name: '.stfolder' }] }), { kind: 'synced', service: 'syncthing', root: '/home/karin/Sync' }],
    ['Nextcloud client journal marker', linux('/home/karin/Moln/g.sqlite', { markers: [{ dir: '/home/karin/Moln', name: '._sync_3f2a9b1c0d4e.db' }] }), { kind: 'synced', service: 'nextcloud', root: '/home/karin/Moln' }],
    ['Dropbox marker in a renamed folder', linux('/data/delad/g.sqlite', { markers: [{ dir: '/data/delad', name: '.dropbox' }] }), { kind: 'synced', service: 'dropbox', root: '/data/delad' }],
    ['a network share wins over a sync folder name', linux('/mnt/kvalitet/Dropbox/g.sqlite'), { kind: 'network', service: 'smb', root: '/mnt/kvalitet' }],
  ];

  it.each(cases)('%s', (_name, facts, expected) => {
    expect(classifyPlace(facts)).toEqual(expected);
  });
});

describe('mount tables', () => {
  it('reads /proc/mounts with escaped spaces', () => {
    const mounts = parseProcMounts(PROC_MOUNTS);
    expect(mounts.find((m) => m.fsType === 'vfat' && m.mountPoint.startsWith('/media'))?.mountPoint).toBe('/media/karin/USB STICK');
    expect(mounts.find((m) => m.fsType === 'cifs')).toEqual({ source: '//filserver.sjovik.se/kvalitet', mountPoint: '/mnt/kvalitet', fsType: 'cifs' });
  });

  it("reads macOS's mount output", () => {
    expect(parseMacMount(MAC_MOUNT)[2]).toEqual({ source: '//karin@filserver._smb._tcp.local/Kvalitet', mountPoint: '/Volumes/Kvalitet', fsType: 'smbfs' });
  });

  it('picks the innermost mount holding the file', () => {
    const mounts = parseProcMounts(PROC_MOUNTS);
    expect(mountOf('/mnt/kvalitet/lokal/x', mounts)?.fsType).toBe('ext4');
    expect(mountOf('/mnt/kvalitet/x', mounts)?.fsType).toBe('cifs');
    expect(mountOf('/etc/x', mounts)?.mountPoint).toBe('/');
  });
});
