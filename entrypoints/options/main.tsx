import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import { getDatabase } from '../../lib/db/schema';
import './style.css';

render(<OptionsApp db={getDatabase()} />, document.getElementById('app') as HTMLElement);
