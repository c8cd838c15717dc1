import { Tabs } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';

export interface TabItem {
  value: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  /** E.g. a count badge after the label. */
  aside?: ReactNode;
}

/** The row of tabs a page opens with, each with its icon. */
export function TabList({ tabs }: { tabs: TabItem[] }) {
  return (
    <Tabs.List mb="md">
      {tabs.map(({ value, label, icon: Icon, aside }) => (
        <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} />} rightSection={aside}>
          {label}
        </Tabs.Tab>
      ))}
    </Tabs.List>
  );
}

export interface TabPanelItem extends TabItem {
  panel: ReactNode;
}

/** A page's tabs with their panels; only the open panel is mounted, so each loads when opened. */
export function TabbedPanels({ value, onChange, tabs }: { value: string; onChange(value: string | null): void; tabs: TabPanelItem[] }) {
  return (
    <Tabs value={value} onChange={onChange} keepMounted={false}>
      <TabList tabs={tabs} />
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value}>
          {tab.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
