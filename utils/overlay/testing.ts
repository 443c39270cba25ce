import type { OverlayScriptContext, OverlayTransport } from './engine';
import type { Badge, OverlayRequest } from './protocol';

/** Test doubles for the overlay: a finding, a content-script context and a runtime transport. */

export const passwordBadge: Badge = {
  controlId: 'SF.PWD.1v1',
  anchorKey: 'minimumPasswordLength',
  locator: { kind: 'label', texts: ['Minimum password length'] },
  status: 'non_compliant',
  severity: 'high',
  title: 'Passwords are at least 12 characters long',
  reason: 'Passwords may be 8 characters long',
  actual: '8',
  expected: '12 or more',
  points: 8,
};

export function fakeContext(): OverlayScriptContext & { invalidate(): void } {
  const callbacks: Array<() => void> = [];
  const context = {
    isValid: true,
    onInvalidated(callback: () => void) {
      callbacks.push(callback);
      return () => undefined;
    },
    addEventListener: (target: Window, type: string, handler: (event: Event) => void) => target.addEventListener(type, handler),
    invalidate() {
      context.isValid = false;
      for (const callback of callbacks) callback();
    },
  };
  return context;
}

export function fakeTransport(answer: (message: OverlayRequest) => unknown) {
  const listeners = new Set<(message: unknown) => void>();
  const sent: OverlayRequest[] = [];
  const transport = {
    sent,
    listeners,
    sendMessage: async (message: OverlayRequest) => {
      sent.push(message);
      return answer(message);
    },
    onMessage: {
      addListener: (listener: (message: unknown) => void) => void listeners.add(listener),
      removeListener: (listener: (message: unknown) => void) => void listeners.delete(listener),
    },
    /** What the service worker sends to the tab. */
    command(message: unknown) {
      for (const listener of listeners) listener(message);
    },
  } satisfies OverlayTransport & Record<string, unknown>;
  return transport;
}
