import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCasesStore } from './casesStore';

/** Counts per responsible unit; a row opens the register filtered on that unit. */
export function UnitCountsView() {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const { summary, setQuery } = useCasesStore();
  const open = (unitId: string) => {
    setQuery({ unitId });
    navigate('/cases');
  };
  if (!summary) return null;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{t('units.intro')}</Text>
      <Paper>
        {summary.byUnit.length === 0 ? (
          <Text c="dimmed" p="lg" ta="center">{t('units.empty')}</Text>
        ) : (
          <Table highlightOnHover verticalSpacing="sm" aria-label={t('units.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('units.unit')}</Table.Th>
                <Table.Th ta="right">{t('units.notClosed')}</Table.Th>
                <Table.Th ta="right">{t('units.overdue')}</Table.Th>
                <Table.Th ta="right">{t('units.dueSoon')}</Table.Th>
                <Table.Th ta="right">{t('units.closed')}</Table.Th>
                <Table.Th ta="right">{t('units.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.byUnit.map((u) => (
                <Table.Tr
                  key={u.unitId}
                  style={{ cursor: 'pointer' }}
                  tabIndex={0}
                  onClick={() => open(u.unitId)}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open(u.unitId))}
                >
                  <Table.Td fw={500}>{u.unitName}</Table.Td>
                  <Table.Td ta="right">{u.notClosed}</Table.Td>
                  <Table.Td ta="right">{u.overdue ? <Badge color="red">{u.overdue}</Badge> : 0}</Table.Td>
                  <Table.Td ta="right">{u.dueSoon ? <Badge color="yellow" variant="light">{u.dueSoon}</Badge> : 0}</Table.Td>
                  <Table.Td ta="right">{u.closed}</Table.Td>
                  <Table.Td ta="right" fw={600}>{u.total}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('units.total')}</Table.Th>
                <Table.Th ta="right">{summary.notClosed}</Table.Th>
                <Table.Th ta="right">{summary.overdue}</Table.Th>
                <Table.Th ta="right">{summary.dueSoon}</Table.Th>
                <Table.Th ta="right">{summary.byStatus.closed}</Table.Th>
                <Table.Th ta="right">{summary.total}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
