import { render } from 'preact';

render(<p>BiasLens</p>, document.getElementById('app') as HTMLElement);
