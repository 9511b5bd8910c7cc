import { render } from 'preact';
import { PopupApp } from '../../components/popup-app';
import { getDatabase } from '../../lib/db/schema';
import './style.css';

const db = getDatabase();
// Open the database while the first render runs (errors show through the app's queries).
db.open().catch(() => {});
render(<PopupApp db={db} />, document.getElementById('app') as HTMLElement);
