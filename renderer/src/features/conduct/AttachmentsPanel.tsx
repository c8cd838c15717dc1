import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Image, Modal, Paper, SimpleGrid, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconExternalLink, IconFileText, IconFileTypePdf, type IconFile, IconPaperclip, IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  isPreviewableImage,
  type Attachment,
  type AttachmentKind,
  type AttachmentLimit,
  type AttachmentOwnerType,
} from '../../../../shared/domain/findings';
import { api, attachmentBlob, uploadAttachment } from '../../api/client';
import { i18next } from '../../i18n';
import { errorMessage, payloadOf } from '../../components/errors';
import { useAppStore } from '../../stores/appStore';
import { downloadBlob } from '../../components/files';
import { ACCEPT, humanSize } from './files';

// ---- shared pieces -----------------------------------------------------------------------------

let limitCache: Promise<AttachmentLimit> | null = null;
/** The limit rarely changes; settings call `forgetAttachmentLimit` when it does. */
export function attachmentLimit(): Promise<AttachmentLimit> {
  limitCache ??= api()['attachments.limit']({}).catch((err: unknown) => {
    limitCache = null;
    throw err;
  });
  return limitCache;
}
export function forgetAttachmentLimit(): void {
  limitCache = null;
}

/** Thumbnails are fetched once per attachment and kept for the session (photos are small enough). */
const thumbnails = new Map<string, Promise<string>>();
function thumbnail(id: string): Promise<string> {
  let p = thumbnails.get(id);
  if (!p) {
    p = attachmentBlob(id).then((c) => URL.createObjectURL(c.blob));
    p.catch(() => thumbnails.delete(id));
    thumbnails.set(id, p);
  }
  return p;
}

/** The backend's refusals in words that name the file and the rule. */
export function uploadError(t: TFunction, err: unknown, name: string): string {
  const { code, params } = payloadOf(err);
  const lang = i18next.language;
  // images refused by the decoding check say why: damaged, too many pixels, a format it cannot clean
  if (typeof params.reason === 'string' && i18next.exists(`images:upload.${params.reason}`)) {
    const type = String(params.type ?? '').toUpperCase();
    return t(`images:upload.${params.reason}`, { name, width: params.width, height: params.height, megapixels: params.megapixels, limit: params.limit, type });
  }
  if (params.reason === 'active_content') return t('security:upload.active_content', { name });
  if (code === 'file_too_large') return t('conduct:attachments.tooLarge', { name, limit: humanSize(Number(params.limit), lang) });
  if (code === 'file_type_refused') {
    const type = String(params.type ?? 'unknown');
    return t('conduct:attachments.refused', { name, type: t(`conduct:attachments.types.${type}`, { defaultValue: `.${type}` }) });
  }
  if (code === 'file_unreadable') return t('conduct:attachments.unreadable', { name });
  return errorMessage(t, err);
}

const KIND_ICON: Record<AttachmentKind, typeof IconFile> = { image: IconPhoto, pdf: IconFileTypePdf, office: IconFileText, text: IconFileText };

/** A visible drop zone with a button: files come by drag and drop or through the system's file dialog. */
export function FileDropArea({ onFiles, disabled, limit }: { onFiles(files: File[]): void; disabled?: boolean; limit: string }) {
  const { t } = useTranslation('conduct');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled && e.dataTransfer.files.length) onFiles([...e.dataTransfer.files]);
  };
  return (
    <Paper
      p="sm"
      withBorder
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-color-granska-6)' : undefined,
        background: over ? 'var(--mantine-color-granska-0)' : 'var(--mantine-color-gray-0)',
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" color="gray">
            <IconUpload size={18} />
          </ThemeIcon>
          <div>
            <Text size="sm">{t('attachments.drop')}</Text>
            <Text size="xs" c="dimmed">
              {t('attachments.hint', { limit })}
            </Text>
          </div>
        </Group>
        <Button variant="default" size="xs" leftSection={<IconPaperclip size={14} />} disabled={disabled} onClick={() => input.current?.click()}>
          {t('attachments.add')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          aria-label={t('attachments.add')}
          style={{ display: 'none' }}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </Group>
    </Paper>
  );
}

function useLimitText(): string {
  const { i18n } = useTranslation();
  const [limit, setLimit] = useState<number | null>(null);
  useEffect(() => {
    void attachmentLimit().then((l) => setLimit(l.limitBytes), () => undefined);
  }, []);
  return limit === null ? '…' : humanSize(limit, i18n.language);
}

// ---- attachments of a saved record --------------------------------------------------------------

interface PanelProps {
  ownerType: AttachmentOwnerType;
  ownerId: string;
  readOnly?: boolean;
  /** Told the new count after each add or removal, so lists can show it. */
  onCountChange?(count: number): void;
}

export function AttachmentsPanel({ ownerType, ownerId, readOnly, onCountChange }: PanelProps) {
  const { t } = useTranslation('conduct');
  const limitText = useLimitText();
  const [items, setItems] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ attachment: Attachment; src: string } | null>(null);
  const desktop = useAppStore((s) => s.info?.transport === 'electron');

  const load = useCallback(() => {
    const list = api()['attachments.list'];
    return list({ ownerType, ownerId }).then((found) => {
      setItems(found);
      return found;
    });
  }, [ownerType, ownerId]);

  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);

  const upload = async (files: File[]) => {
    const { limitBytes } = await attachmentLimit();
    for (const file of files) {
      if (file.size > limitBytes) {
        notifications.show({ color: 'red', message: t('attachments.tooLarge', { name: file.name, limit: limitText }) });
        continue;
      }
      setBusy(file.name);
      try {
        await uploadAttachment(ownerType, ownerId, file);
        notifications.show({ color: 'green', message: t('attachments.added', { name: file.name }), autoClose: 2500 });
      } catch (err) {
        notifications.show({ color: 'red', message: uploadError(t, err, file.name), autoClose: 8000 });
      } finally {
        setBusy(null);
      }
    }
    const list = await load();
    onCountChange?.(list.length);
  };

  const remove = async (a: Attachment) => {
    try {
      await api()['attachments.remove']({ id: a.id });
      notifications.show({ message: t('attachments.removed', { name: a.fileName }), autoClose: 2500 });
      const list = await load();
      onCountChange?.(list.length);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  /** Only on a person's click: the desktop app hands a copy to the system viewer, the browser downloads. */
  const open = async (a: Attachment) => {
    try {
      if (desktop) {
        try {
          await api()['attachments.open']({ id: a.id });
          return;
        } catch (err) {
          if (payloadOf(err).code !== 'forbidden') throw err;
        }
      }
      const c = await attachmentBlob(a.id);
      downloadBlob(c.fileName, c.mime, c.blob);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  return (
    <AttachmentsSection count={items.length}>
      {items.length > 0 && (
        <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} spacing="xs">
          {items.map((a) => (
            <AttachmentTile
              key={a.id}
              attachment={a}
              desktop={desktop}
              readOnly={!!readOnly}
              onPreview={(src) => setPreview({ attachment: a, src })}
              onOpen={() => void open(a)}
              onRemove={() => void remove(a)}
            />
          ))}
        </SimpleGrid>
      )}
      {items.length === 0 && readOnly && (
        <Text size="sm" c="dimmed">
          {t('attachments.empty')}
        </Text>
      )}
      {!readOnly && <FileDropArea onFiles={(f) => void upload(f)} disabled={busy !== null} limit={limitText} />}
      {busy && (
        <Text size="xs" c="dimmed" role="status">
          {t('attachments.uploading', { name: busy })}
        </Text>
      )}
      <Modal opened={!!preview} onClose={() => setPreview(null)} title={preview?.attachment.fileName} size="xl" centered>
        {preview && <Image src={preview.src} alt={preview.attachment.fileName} fit="contain" mah="75vh" />}
      </Modal>
    </AttachmentsSection>
  );
}

function AttachmentTile(props: {
  attachment: Attachment;
  desktop: boolean;
  readOnly: boolean;
  onPreview(src: string): void;
  onOpen(): void;
  onRemove(): void;
}) {
  const { attachment: a, desktop, readOnly } = props;
  const { t, i18n } = useTranslation('conduct');
  const [src, setSrc] = useState<string | null>(null);
  const canPreview = isPreviewableImage(a.mime);
  useEffect(() => {
    if (!canPreview) return;
    let live = true;
    void thumbnail(a.id).then((s) => live && setSrc(s), () => undefined);
    return () => {
      live = false;
    };
  }, [a.id, canPreview]);
  const Icon = KIND_ICON[a.kind];
  return (
    <Paper p={6} withBorder>
      <Stack gap={4}>
        {canPreview && src ? (
          <button
            type="button"
            onClick={() => props.onPreview(src)}
            aria-label={t('attachments.preview', { name: a.fileName })}
            style={{ border: 0, padding: 0, background: 'none', cursor: 'zoom-in' }}
          >
            <Image src={src} alt={a.fileName} h={84} fit="cover" radius="sm" />
          </button>
        ) : (
          <Group h={84} justify="center" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
            <Icon size={34} color="var(--mantine-color-gray-6)" aria-hidden />
          </Group>
        )}
        <Group gap={4} justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="xs" fw={500} truncate title={a.fileName}>
              {a.fileName}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`attachments.kind.${a.kind}`)} · {humanSize(a.size, i18n.language)}
            </Text>
          </div>
          <Group gap={0} wrap="nowrap">
            <Tooltip label={desktop ? t('attachments.open', { name: a.fileName }) : t('attachments.download', { name: a.fileName })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={props.onOpen}
                aria-label={desktop ? t('attachments.open', { name: a.fileName }) : t('attachments.download', { name: a.fileName })}
              >
                {desktop ? <IconExternalLink size={16} /> : <IconDownload size={16} />}
              </ActionIcon>
            </Tooltip>
            {!readOnly && (
              <Tooltip label={t('attachments.remove', { name: a.fileName })}>
                <ActionIcon variant="subtle" color="red" onClick={props.onRemove} aria-label={t('attachments.remove', { name: a.fileName })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

// ---- files chosen for a record not saved yet -----------------------------------------------------

/** For a new finding: files wait here and are attached right after it is saved. */
export function PendingFiles({ files, onChange }: { files: File[]; onChange(files: File[]): void }) {
  const { t, i18n } = useTranslation('conduct');
  const limitText = useLimitText();
  return (
    <AttachmentsSection count={0}>
      {files.map((f, i) => (
        <Group key={`${f.name}-${i}`} justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {f.name}
            </Text>
            <Text size="xs" c="dimmed">
              {humanSize(f.size, i18n.language)} · {t('attachments.pending')}
            </Text>
          </div>
          <ActionIcon variant="subtle" color="red" aria-label={t('attachments.remove', { name: f.name })} onClick={() => onChange(files.filter((_, k) => k !== i))}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <FileDropArea onFiles={(more) => onChange([...files, ...more])} limit={limitText} />
    </AttachmentsSection>
  );
}

/** Uploads files chosen before their owner existed; each refusal is told, the rest still go. */
export async function uploadPending(t: TFunction, ownerType: AttachmentOwnerType, ownerId: string, files: File[]): Promise<void> {
  for (const file of files) {
    try {
      await uploadAttachment(ownerType, ownerId, file);
    } catch (err) {
      notifications.show({ color: 'red', message: uploadError(t, err, file.name), autoClose: 8000 });
    }
  }
}

/** The attachments block's frame: a labelled section headed by the paperclip, the word and the count. */
function AttachmentsSection({ count, children }: { count: number; children: ReactNode }) {
  const { t } = useTranslation('conduct');
  return (
    <Stack gap="xs" component="section" aria-label={t('attachments.title')}>
      <Group gap={6}>
        <IconPaperclip size={16} aria-hidden />
        <Text fw={600} size="sm">
          {t('attachments.title')}
        </Text>
        {count > 0 && (
          <Text size="sm" c="dimmed">
            ({count})
          </Text>
        )}
      </Group>
      {children}
    </Stack>
  );
}
