import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { ApiError, setApi } from '../../renderer/src/api/client';
import { initI18n } from '../../renderer/src/i18n';
import { theme } from '../../renderer/src/app/theme';
import type { Api } from '../../shared/contract';
import type { ErrorPayload } from '../../shared/errors';

/** Replaces the contract client with the given handlers; any other call fails the test loudly. */
export function fakeApi(handlers: Partial<Record<keyof Api, (input: never) => unknown>>): void {
  const proxy = new Proxy({} as Api, {
    get: (_t, name: string) => async (input: unknown) => {
      const handler = handlers[name as keyof Api];
      if (!handler) throw new Error(`unexpected call ${name}`);
      return handler(input as never);
    },
  });
  setApi(proxy);
}

export function apiError(payload: ErrorPayload): ApiError {
  return new ApiError(payload);
}

export async function renderUi(ui: ReactNode, opts: { lang?: 'sv' | 'en'; route?: string } = {}) {
  await initI18n(opts.lang ?? 'en');
  return render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <MemoryRouter initialEntries={[opts.route ?? '/']}>{ui}</MemoryRouter>
    </MantineProvider>,
  );
}
