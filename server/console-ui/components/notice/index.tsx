// Messages: an error the server (or the network) gave, said once as an alert; a loading line; and
// a polite status line for "saved" and the like.
import type { ComponentChildren } from 'preact';

export function ErrorNotice({ message }: { message: string }) {
  // Always in the tree so that a screen reader announces the message when it appears.
  return (
    <div role="alert" class={message ? 'notice error' : 'notice-empty'}>
      {message}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return <p class="quiet">载入中 Loading{what ? ` ${what}` : ''}…</p>;
}

export function Status({ children }: { children: ComponentChildren }) {
  return (
    <p role="status" class="status-line">
      {children}
    </p>
  );
}
