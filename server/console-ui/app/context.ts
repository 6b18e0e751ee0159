// What every page needs from the shell: the API, who is signed in, and what their role may do.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/schema/review';
import type { OperatorRole } from '../../../shared/schema/staff';
import type { ConsoleApi } from '../api';

const RANK: Record<OperatorRole, number> = { auditor: 0, reviewer: 1, admin: 2 };

/** Whether `role` may do what `least` may (the server's roles.ts rule; it has the last word). */
export const roleAtLeast = (role: OperatorRole, least: OperatorRole): boolean =>
  RANK[role] >= RANK[least];

export interface ConsoleContext {
  api: ConsoleApi;
  session: ConsoleSession;
  can: (least: OperatorRole) => boolean;
}

export const Console = createContext<ConsoleContext | null>(null);

/** The console context; pages render only inside the signed-in shell, which provides it. */
export function useConsole(): ConsoleContext {
  const ctx = useContext(Console);
  if (!ctx)
    throw new Error('useConsole() outside the signed-in shell: render pages inside <Shell>.');
  return ctx;
}
