export { renderHtml } from './html/index.js';
