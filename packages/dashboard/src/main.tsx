import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
// Base styles first so page and component styles can refine them.
import './styles/base.css';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element.');

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
