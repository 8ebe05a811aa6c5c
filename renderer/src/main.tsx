import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installBenchHook } from './engine/bench-hook';
import { connectEngine } from './engine/connection';
import './styles.css';
import './prompter/prompter.css';

connectEngine();
installBenchHook();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
