import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ClauseTreePicker } from '../../../renderer/src/features/audits/ClauseTreePicker';
import { renderUi } from '../render';
import { standard } from './fixtures';

function Harness({ initial = [] as string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ClauseTreePicker standard={standard} label="Clauses" value={value} onChange={setValue} />
      <output aria-label="value">{value.join(',')}</output>
    </>
  );
}

describe('ClauseTreePicker', () => {
  it('takes a whole section at once and half-ticks its parent when one clause goes', async () => {
    await renderUi(<Harness />);
    await userEvent.click(screen.getByRole('checkbox', { name: '7 Support' }));
    expect(screen.getByLabelText('value')).toHaveTextContent('7,7.1,7.1.1,7.1.2,7.2');
    expect(screen.getByText('3 of 4 requirements chosen. Tick a section to take all of it.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Show the clauses under 7' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show the clauses under 7.1' }));
    await userEvent.click(screen.getByRole('checkbox', { name: '7.1.2 People' }));
    expect(screen.getByLabelText('value')).toHaveTextContent(/^7\.1\.1,7\.2$/);
    const section = screen.getByRole('checkbox', { name: '7 Support' });
    expect(section).not.toBeChecked();
    expect(section).toHaveAttribute('data-indeterminate', 'true');
    expect(screen.getByText('Chosen: 7.1.1, 7.2')).toBeInTheDocument();
  });

  it('finds clauses by number or title and opens saved selections', async () => {
    await renderUi(<Harness initial={['9.2']} />);
    // The section holding a chosen clause starts open.
    expect(screen.getByRole('checkbox', { name: '9.2 Internal audit' })).toBeChecked();
    await userEvent.type(screen.getByRole('textbox', { name: 'Search clauses' }), 'compet');
    expect(screen.getByRole('checkbox', { name: '7.2 Competence' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: '9.2 Internal audit' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: '7.2 Competence' }));
    expect(screen.getByLabelText('value')).toHaveTextContent('7.2,9,9.2');
  });
});
