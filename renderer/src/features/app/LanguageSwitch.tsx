import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../../../../shared/domain/schema-free';
import { api } from '../../api/client';
import { changeLanguage } from '../../i18n';
import { useAppStore } from '../../stores/appStore';

/** Switching is immediate and remembered on this computer. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setInfo = useAppStore((s) => s.setInfo);
  const select = async (lang: Lang) => {
    await changeLanguage(lang);
    setInfo(await api()['app.updateSettings']({ language: lang }));
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(v) => void select(v as Lang)}
      data={LANGS.map((l) => ({ value: l, label: l.toUpperCase() }))}
    />
  );
}
