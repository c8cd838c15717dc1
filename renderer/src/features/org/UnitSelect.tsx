import type { ComponentProps } from 'react';
import { EntitySelect } from '../../components/EntitySelect';
import { useOrgStore } from './orgStore';

/** A choice of unit for a record: the units in use, and the record's own even if archived since. */
export function UnitSelect(props: Omit<ComponentProps<typeof EntitySelect>, 'items'>) {
  const units = useOrgStore((s) => s.units);
  return <EntitySelect items={units} {...props} />;
}
