import { render } from 'solid-js/web';
import { App } from './App';
import { locale } from './i18n';
import { loadSession } from './lib/session';
import './styles.css';

document.documentElement.lang = locale();
// Start the /v1/me request before the first render; guards show a spinner until it answers.
void loadSession();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
render(() => <App />, root);
