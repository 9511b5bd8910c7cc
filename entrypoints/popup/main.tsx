import { render } from 'preact';
import { PopupApp } from '../../components/popup-app';
import { getDatabase } from '../../lib/db/schema';
import './style.css';

render(<PopupApp db={getDatabase()} />, document.getElementById('app') as HTMLElement);
