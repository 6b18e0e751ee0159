// The review console's entry (dist/console/console.js): renders the shell into #app. Styles come
// in as console.css (a file, not injected: the page's CSP allows no inline style).
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App fetch={window.fetch.bind(window)} />, root);
