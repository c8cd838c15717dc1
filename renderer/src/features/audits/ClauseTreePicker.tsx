import { useMemo, useState } from 'react';
import { ActionIcon, Box, Checkbox, Group, Input, ScrollArea, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../../shared/domain/common';
import {
  clauseTree,
  clauseWithDescendants,
  isWithinClause,
  leafClauses,
  normaliseClauseSelection,
  type ClauseNode,
  type Standard,
} from '../../../../shared/domain/standards';

interface Props {
  standard: Standard;
  value: string[];
  onChange(value: string[]): void;
  label: string;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * The standard's clauses as a searchable tree of checkboxes. Ticking a section takes the whole
 * section; a section shows half-ticked while only some of its clauses are chosen.
 */
export function ClauseTreePicker({ standard, value, onChange, label, error, disabled }: Props) {
  const { t, i18n } = useTranslation('audits');
  const lang = (i18n.language === 'sv' ? 'sv' : 'en') as Lang;
  const [search, setSearch] = useState('');
  // Sections that hold a chosen clause start open, so a saved plan shows its criteria at once.
  const [open, setOpen] = useState<Set<string>>(
    () => new Set(value.flatMap((n) => standard.clauses.map((c) => c.number).filter((c) => c !== n && isWithinClause(n, c)))),
  );
  const tree = useMemo(() => clauseTree(standard.clauses), [standard]);
  const leaves = useMemo(() => new Set(leafClauses(standard.clauses)), [standard]);
  const chosen = useMemo(() => new Set(value), [value]);

  const needle = search.trim().toLocaleLowerCase(lang);
  const matches = (n: ClauseNode): boolean =>
    !needle || n.number.startsWith(needle) || n.title[lang].toLocaleLowerCase(lang).includes(needle) || n.children.some(matches);

  const toggle = (number: string) => {
    if (chosen.has(number)) {
      // Drop the clause, everything under it and every section above it; normalising keeps what is still whole.
      const below = new Set(clauseWithDescendants(standard.clauses, number));
      onChange(normaliseClauseSelection(standard.clauses, value.filter((n) => !below.has(n) && !isWithinClause(number, n))));
    } else {
      onChange(normaliseClauseSelection(standard.clauses, [...value, number]));
    }
  };

  const state = (n: ClauseNode) => {
    const below = clauseWithDescendants(standard.clauses, n.number).filter((x) => leaves.has(x));
    const count = below.filter((x) => chosen.has(x)).length;
    return { checked: chosen.has(n.number), indeterminate: !chosen.has(n.number) && count > 0 };
  };

  const render = (n: ClauseNode, depth: number) => {
    if (!matches(n)) return null;
    const expanded = !!needle || open.has(n.number);
    const s = state(n);
    return (
      <Box key={n.number}>
        <Group gap={4} wrap="nowrap" pl={depth * 20} py={2}>
          {n.children.length > 0 ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t(expanded ? 'criteria.collapse' : 'criteria.expand', { clause: n.number })}
              aria-expanded={expanded}
              onClick={() =>
                setOpen((o) => {
                  const next = new Set(o);
                  if (next.has(n.number)) next.delete(n.number);
                  else next.add(n.number);
                  return next;
                })
              }
            >
              {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            </ActionIcon>
          ) : (
            <Box w={22} />
          )}
          <Checkbox
            size="sm"
            disabled={disabled}
            checked={s.checked}
            indeterminate={s.indeterminate}
            onChange={() => toggle(n.number)}
            label={
              <Text size="sm" fw={depth === 0 ? 600 : 400}>
                {n.number} {n.title[lang]}
              </Text>
            }
          />
        </Group>
        {expanded && n.children.map((c) => render(c, depth + 1))}
      </Box>
    );
  };

  const picked = value.filter((n) => leaves.has(n)).length;
  // Whole sections by their number alone: "7.1, 9.2, 10.2" rather than every sub-clause.
  const summary = value.filter((n) => !value.some((m) => m !== n && isWithinClause(n, m)));
  return (
    <Input.Wrapper label={label} withAsterisk error={error} description={t('criteria.picked', { count: picked, total: leaves.size })}>
      {summary.length > 0 && (
        <Text size="sm" mt={4} data-testid="chosen-clauses">
          {t('criteria.chosen', { clauses: summary.join(', ') })}
        </Text>
      )}
      <TextInput
        mt={6}
        aria-label={t('criteria.search')}
        placeholder={t('criteria.search')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <ScrollArea h={320} mt="xs" type="auto" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Box p="xs" role="group" aria-label={label}>
          {tree.map((n) => render(n, 0))}
        </Box>
      </ScrollArea>
    </Input.Wrapper>
  );
}
