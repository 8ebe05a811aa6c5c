/**
 * An overlay page for an OBS browser source: /overlay/{product|chat|orders|goal}?token=…
 * This runs for hours inside OBS's browser, so it stays light: no framework, no polling, no timers
 * while idle, transforms for motion at OBS's frame rate (motion.ts). State arrives whole on (re)connect, then as changed slices.
 */
import { io } from 'socket.io-client';
// Types only from the contract: its zod schemas stay out of this page's bundle.
import type { OverlayName, OverlayState } from '../../shared/contract/overlay';
import { chatView } from './chat';
import { goalView } from './goal';
import { applyMotion } from './motion';
import { ordersView } from './orders';
import { withPreviewExamples } from './preview';
import { productView } from './product';
import { applySettings, fitStage } from './stage';
import type { OverlayView, Slice } from './view';
import './overlay.css';

const VIEWS: Record<OverlayName, () => OverlayView> = {
  product: productView,
  chat: chatView,
  orders: ordersView,
  goal: goalView,
};

type Status = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

function start(): void {
  const name = location.pathname.split('/').filter(Boolean)[1] as OverlayName;
  if (!Object.hasOwn(VIEWS, name)) return;
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? '';
  const body = document.body;
  body.dataset.overlay = name;
  if (params.get('preview') === '1') body.classList.add('preview');
  const examples = params.get('examples') === '1';
  const shown = (s: OverlayState) => (examples ? withPreviewExamples(s) : s);
  applyMotion(document.documentElement);
  const stage = document.getElementById('stage') as HTMLElement;
  fitStage(stage);
  addEventListener('resize', () => fitStage(stage));

  const view = VIEWS[name]();
  stage.append(view.root);
  let state: OverlayState | null = null;
  const setStatus = (status: Status) => {
    body.dataset.status = status;
  };

  const socket = io('/overlay', {
    // Naming the page: the studio sends it only the slices it draws.
    auth: { token, page: name },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket.on('snapshot', (snapshot: OverlayState) => {
    state = snapshot;
    applySettings(body, view.root, name, snapshot.settings);
    view.render(shown(snapshot), new Set(Object.keys(snapshot) as Slice[]), true);
    setStatus('live');
  });
  socket.on('patch', (patch: Partial<OverlayState>) => {
    if (!state) return;
    state = { ...state, ...patch };
    if (patch.settings) applySettings(body, view.root, name, patch.settings);
    view.render(shown(state), new Set(Object.keys(patch) as Slice[]), false);
  });
  socket.on('disconnect', (reason) => {
    setStatus('reconnecting');
    // A studio shutting down closes our socket on purpose, which socket.io does not retry by itself;
    // the studio is usually back within seconds, so ask again.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.on('connect_error', (error) => {
    if (error.message === 'bad_token') {
      // Refused by the engine (not a network fault): socket.io does not retry these by itself. Try
      // again slowly, in case the studio was restarted with this token restored.
      setStatus('unauthorized');
      setTimeout(() => socket.connect(), 15_000);
    } else setStatus(state ? 'reconnecting' : 'connecting');
  });
}

start();
