/** Messages for the user from one place (errors with what to do next, confirmations), auto-dismissed. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'info' | 'warn' | 'error';
  text: string;
}

interface ToastStore {
  toasts: Toast[];
  show(text: string, tone?: Toast['tone'], ms?: number): void;
  dismiss(id: number): void;
}

let next = 1;

export const useToasts = create<ToastStore>((set, get) => ({
  toasts: [],
  show: (text, tone = 'info', ms = 5000) => {
    const id = next++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, tone, text }] }));
    setTimeout(() => get().dismiss(id), ms);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
